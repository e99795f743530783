"""Portfolio what-if: score, shock and re-optimise the funded set; pure functions, no Streamlit or DuckDB."""
