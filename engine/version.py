"""The engine version recorded in every verdict."""

__version__ = "0.2.0"
