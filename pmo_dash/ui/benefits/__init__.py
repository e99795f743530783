"""Benefits: planned against realised, and what is behind or at risk."""
