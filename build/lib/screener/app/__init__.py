"""The Streamlit app: one module per page, shared drawing and state. No business logic here."""
