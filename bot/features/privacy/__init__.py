"""Privacy and safety: /privacy, /forget and the safety exit."""
