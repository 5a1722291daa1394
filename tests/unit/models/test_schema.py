"""The committed JSON Schemas match the models, and every rule file names its schema."""

from __future__ import annotations

import json

import pytest

from screener.rulebook import DEFAULT_RULES_DIR
from screener.rulebook.files import RULE_FILES
from screener.rulebook.loader import file_names
from screener.rulebook.schema import rule_file_schemas

SCHEMA_DIR = DEFAULT_RULES_DIR / "schema"


@pytest.mark.parametrize(("name", "text"), sorted(rule_file_schemas().items()))
def test_committed_schema_is_current(name, text):
    committed = SCHEMA_DIR / name
    assert committed.is_file(), f"run: python -m screener schema ({name} missing)"
    assert committed.read_text(encoding="utf-8") == text, "run: python -m screener schema"


def test_schemas_describe_the_rule_files():
    syndromes = json.loads(rule_file_schemas()["syndromes.schema.json"])
    rule = syndromes["$defs"]["Syndrome"]
    assert {"id", "status", "references", "examples", "criteria"} <= set(rule["required"])
    assert rule["additionalProperties"] is False


def test_one_schema_per_registered_file():
    assert sorted(rule_file_schemas()) == sorted(f.schema_name for f in RULE_FILES)


@pytest.mark.parametrize("name", file_names(DEFAULT_RULES_DIR))
def test_each_rule_file_points_editors_at_its_schema(name):
    path = DEFAULT_RULES_DIR / name
    first = path.read_text(encoding="utf-8").splitlines()[0]
    kind = name.split("/")[0] if "/" in name else path.stem
    assert first.startswith("# yaml-language-server: $schema=")
    assert first.endswith(f"schema/{kind}.schema.json")
