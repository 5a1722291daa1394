"""Cases page script. Streamlit compiles a page script on every run, so the page lives in the
`teaching` package (compiled once, on import) and this file only draws it."""

from screener.app.teaching.page import draw

draw()
