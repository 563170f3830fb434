"""Member bureaus: the National Central Bureaus of the member countries and the Secretariat."""
