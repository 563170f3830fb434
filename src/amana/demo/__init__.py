"""Demo data for a first look: demo users of several bureaus, one per role."""
