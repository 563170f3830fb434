"""Screening: persons, documents and vehicles checked against the shared databases."""
