"""Alembic migrations (``amana db upgrade``)."""
