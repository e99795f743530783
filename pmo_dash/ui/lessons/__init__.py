"""Lessons learned: health, recurring themes and the library."""
