"""The hotline directory and the user's country, by list, name or location."""
