"""The reasoning: `screen(profile, book)`, criteria evaluation, lab readings, PNS-Care, the
differential, and the rule book's own tests (rule examples and the mimics set)."""

from screener.engine.screen import screen

__all__ = ["screen"]
