"""The app's entry script for Streamlit Community Cloud (`streamlit run streamlit_app.py`);
`screener app` runs the same frame from the installed package."""

from screener.app.frame import run

run()
