"""One project: its brief and its charts."""
