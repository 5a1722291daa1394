"""Paraneoplastic Pattern Screener: the core (no Streamlit).

`load_rule_book` reads the rule book (shipped in the package; `DEFAULT_RULES_DIR`);
`screen` turns a `Profile` into a `ScreeningResult`; `build_view` puts a result into words for
any output. Every error raised on purpose is a `ScreenerError` (the tree: `screener.errors`).
"""

from screener.engine import screen
from screener.errors import ScreenerError
from screener.models import Profile, ProfileError, ScreeningResult
from screener.present.view import ScreeningView, build_view
from screener.rulebook import DEFAULT_RULES_DIR, RuleBook, RuleBookError, load_rule_book

__all__ = [
    "DEFAULT_RULES_DIR",
    "Profile",
    "ProfileError",
    "RuleBook",
    "RuleBookError",
    "ScreenerError",
    "ScreeningResult",
    "ScreeningView",
    "build_view",
    "load_rule_book",
    "screen",
]
