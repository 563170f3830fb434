"""Amana: an open-source platform for international police cooperation."""

__version__ = "0.1.0"
