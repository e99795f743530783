"""The portfolio: the enterprise, a department and a programme."""
