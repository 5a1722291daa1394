"""The screening as JSON, for the command line: the result's data plus the differential.

Data, not words: ids, tiers and numbers a program can read. The differential sits beside the
result's own fields, under "differential", in the same shape as `screener.engine.differential`.
"""

from __future__ import annotations

import json

from screener.engine.differential import differential
from screener.models import ScreeningResult
from screener.rulebook import RuleBook


def render_json(result: ScreeningResult, book: RuleBook) -> str:
    document = result.model_dump(mode="json")
    document["differential"] = differential(result, book).model_dump(mode="json")
    return json.dumps(document, indent=2, ensure_ascii=False)
