"""Members: sign-up, log-in, the member's own page."""
