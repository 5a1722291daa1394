"""Imported by the bare baseline app: moves the objects alive after start-up out of the garbage
collector's sight, once per process, as the Screen page does
(`book_state.freeze_long_lived`), so both pay alike for Streamlit's collection after every run."""

import gc

gc.collect()
gc.freeze()
