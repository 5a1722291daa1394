"""Outputs that lay out a view: plain text for the command line, and the PDF (its page frame
and its sections)."""
