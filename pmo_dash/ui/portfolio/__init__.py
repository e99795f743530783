"""Portfolio views: the enterprise, a department and a programme."""
