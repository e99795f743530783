"""The Submit page's parts: choosing what to submit, the validation preview, the submission and its
rebuild, and the history."""
