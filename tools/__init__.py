"""Maintainers' tools: external data extracted into the rule book, and reports for content work."""
