"""Command implementations behind `python -m pmo_dash`."""
