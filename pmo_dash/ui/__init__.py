"""Streamlit components and pure chart builders: what the pages are made of."""
