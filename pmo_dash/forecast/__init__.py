"""The early warning (issue 17, part 3): a logistic regression of "Red on evidence within three periods"
fitted at build time on the features marts/forecast.sql keeps (warning_features); pure numpy, no
Streamlit or DuckDB."""
