"""Tools for admins: /reload and /stats (counts without personal data)."""
