"""JSON Schemas for the rule files, generated from the models named by the file registry.

They are committed in `rules/schema/` so that an editor can autocomplete and check a rule file
(each file names its schema in its first line); `schema --check` and a test keep them current.
"""

from __future__ import annotations

import json
from pathlib import Path

from screener.rulebook.files import RULE_FILES
from screener.rulebook.loader import adapter_for


def rule_file_schemas() -> dict[str, str]:
    """Schema file name -> JSON text, for every kind of rule file."""
    return {
        rule_file.schema_name: json.dumps(
            adapter_for(rule_file).json_schema(), indent=2, ensure_ascii=False
        )
        + "\n"
        for rule_file in sorted(RULE_FILES, key=lambda f: f.schema_name)
    }


def stale_schemas(folder: Path) -> list[str]:
    """Schema files in `folder` that are missing or differ from the models."""
    return [
        name
        for name, text in rule_file_schemas().items()
        if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text
    ]


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rule_file_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
