"""Risks and issues: the heat map, what moved, what is overdue, where risk concentrates."""
