"""Untrusted input (a link, the form, a JSON file) turned into a `Profile` and plain-words
problems. Every lab value is checked once, by `screener.engine.labs`."""
