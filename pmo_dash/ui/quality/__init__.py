"""Data quality: each department PMO scored on its returns, and the rows a PMO head should fix."""
