"""Paraneoplastic Pattern Screener: the core (no Streamlit).

`load_rule_book` reads `rules/`; `screen` turns a `Profile` into a `ScreeningResult`.
"""

from screener.engine import screen
from screener.labs import ProfileError
from screener.loader import RuleBookError, load_rule_book
from screener.models import Profile, ScreeningResult

__all__ = [
    "Profile",
    "ProfileError",
    "RuleBookError",
    "ScreeningResult",
    "load_rule_book",
    "screen",
]
