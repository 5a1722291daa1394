"""JSON Schemas for the rule files, generated from the pydantic models.

They are committed in `rules/schema/` so that an editor can autocomplete and check a rule file
(each file names its schema in its first line); a test keeps them in step with the models.
"""

from __future__ import annotations

import json
from pathlib import Path

from screener.loader import SINGLE_FILES, SYNDROME_FILES


def rule_file_schemas() -> dict[str, str]:
    """Schema file name -> JSON text, for every kind of rule file."""
    adapters = {Path(name).stem: adapter for name, adapter in SINGLE_FILES.items()}
    adapters["syndromes"] = SYNDROME_FILES
    return {
        f"{stem}.schema.json": json.dumps(adapter.json_schema(), indent=2, ensure_ascii=False)
        + "\n"
        for stem, adapter in sorted(adapters.items())
    }


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rule_file_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
