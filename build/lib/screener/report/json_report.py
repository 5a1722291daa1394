"""The screening as JSON, for the command line: the result's own serialisation (ids, tiers,
numbers and the differential a program can read, no sentences)."""

from __future__ import annotations

from screener.models import ScreeningResult


def render_json(result: ScreeningResult) -> str:
    return result.model_dump_json(indent=2)
