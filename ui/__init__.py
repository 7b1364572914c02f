"""Streamlit glue: the only package besides pages/ and streamlit_app.py that imports streamlit."""
