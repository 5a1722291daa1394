"""Copies of the small test rule book with hostile text: HTML and script in its text fields, to
prove the app and the PDF show such text literally; and a broken one, whose safety file cannot be
read and whose problems quote an address and Streamlit directives, for the error page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

MINI_RULES = Path(__file__).resolve().parents[1] / "fixtures" / "mini_rules"

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
SYNDROME = "alpha"
SYNDROME_NAME = "Alpha syndrome"
FINDING_LABEL = f"Finding A {IMAGE}"
SUMMARY = f"{SCRIPT} A and two of B, C, D."
DETAIL = f"Teaching {IMAGE} text {SCRIPT}"
PROFILE_QUERY = "f=a,b,c&c=sclc"
"""A link whose case shows the poisoned syndrome as a strong pattern."""


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write_hostile_rules(target: Path) -> Path:
    """The small rule book at `target`, with script and HTML in a label, a summary and a detail."""
    shutil.copytree(MINI_RULES, target)
    neurologic = target / "syndromes" / "neurologic.yaml"
    _replace_once(neurologic, "summary: A and two of B, C, D.", f"summary: '{SUMMARY}'")
    _replace_once(neurologic, "detail: Teaching text.", f"detail: '{DETAIL}'")
    _replace_once(target / "findings.yaml", "label: Finding A,", f"label: '{FINDING_LABEL}',")
    return target


BAIT = "https://evil.example/login www.evil.example me@evil.example :red[alarm] :rocket:"
"""Text that would render as links, a colour and an emoji if it were not quoted."""
LINK_BAIT = "\n\n[Verify account](https://evil.example/x)\n\n# Heading"
"""Text that would end the line it is quoted in and render as a link and a heading."""


def write_broken_rules(target: Path) -> Path:
    """The small rule book at `target` with `safety.yaml` cut short and a syndrome carrying a
    field named `BAIT` and one named `LINK_BAIT`: it cannot load, and its problems quote the
    bait."""
    shutil.copytree(MINI_RULES, target)
    (target / "safety.yaml").write_text("disclaimer: [", encoding="utf-8")
    _replace_once(
        target / "syndromes" / "neurologic.yaml",
        "  key: a\n",
        f"  key: a\n  '{BAIT}': 1\n  {json.dumps(LINK_BAIT)}: 1\n",
    )
    return target
