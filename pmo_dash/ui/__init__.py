"""What the pages are made of: the shell, theme, tables and formats, and a package per domain."""
