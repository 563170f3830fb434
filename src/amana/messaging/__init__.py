"""Secure messaging between bureaus: signed, encrypted, delivered in real time."""
