"""The planning domain's views: the roadmap, dependencies and proposals."""
