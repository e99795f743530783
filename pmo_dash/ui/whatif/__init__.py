"""The what-if review: levers, what the board sees, saved scenarios and their files."""
