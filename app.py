"""PMO Dash: the entry point. The shell draws navigation and the global filters, then the page."""

from pmo_dash.ui import shell

shell.run()
