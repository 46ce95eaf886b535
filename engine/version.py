"""The engine version recorded in every verdict."""

__version__ = "0.3.1"
