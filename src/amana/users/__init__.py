"""Users: people and machine clients, each belonging to one bureau, with roles."""
