"""Who may see what: roles, the users file and the login settings. No Streamlit here; `pmo_dash.ui.login`
draws the login form on top of it."""
