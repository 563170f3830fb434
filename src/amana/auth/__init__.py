"""Authentication: password login with lockout, session and API bearer tokens, revocation."""
