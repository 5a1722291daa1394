"""The reasoning, one entry per question: `screen(profile, book)` (a screening, with its
differential), `what_changed` (between two screenings), `screen_case` (a teaching case, stage by
stage), `score_practice`, `reflect` and `calibrate` (a learner's committed differential and
confidence beside the rule book), `illness_script` (a syndrome in the standard slots), and
`compare` / `finding_use` (exploring the book without a case). Below them: criteria evaluation,
lab readings, PNS-Care, and the rule book's own tests."""

from screener.engine.changes import what_changed
from screener.engine.explore import compare, finding_use
from screener.engine.practice import score_practice
from screener.engine.reflect import calibrate, reflect
from screener.engine.screen import screen
from screener.engine.script import illness_script
from screener.engine.stages import screen_case

__all__ = [
    "calibrate",
    "compare",
    "finding_use",
    "illness_script",
    "reflect",
    "score_practice",
    "screen",
    "screen_case",
    "what_changed",
]
