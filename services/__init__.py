"""The app's logic. Never imports streamlit: every function takes a session and plain data."""
