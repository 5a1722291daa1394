"""Live class page script. Streamlit compiles a page script on every run, so the page lives in
`class_page.py` (compiled once, on import) and this file only draws it."""

from screener.app.class_page import draw

draw()
