"""The append-only, tamper-evident audit log. Sits low: every feature writes to it."""
