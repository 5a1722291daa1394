"""Paraneoplastic Pattern Screener: the core (no Streamlit).

`load_rule_book` reads `rules/`; `screen` turns a `Profile` into a `ScreeningResult`;
`build_view` puts a result into words for any output.
"""

from screener.engine import screen
from screener.models import Profile, ProfileError, ScreeningResult
from screener.present.view import ScreeningView, build_view
from screener.rulebook import RuleBook, RuleBookError, load_rule_book

__all__ = [
    "Profile",
    "ProfileError",
    "RuleBook",
    "RuleBookError",
    "ScreeningResult",
    "ScreeningView",
    "build_view",
    "load_rule_book",
    "screen",
]
