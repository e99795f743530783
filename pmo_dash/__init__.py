"""PMO Dash: an executive dashboard over every department PMO's standard returns."""
