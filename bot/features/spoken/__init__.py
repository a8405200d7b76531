"""Spoken messages for responders, and the build of their audio."""
