"""The DuckDB warehouse: built by `build`, read by `pmo_dash.data`."""
