"""The engine version recorded in every verdict."""

__version__ = "0.1.0"
