"""The rule book: the registry of rule files, safe YAML, loading with located problems,
cross-checks and JSON Schemas."""

from screener.rulebook.book import RuleBook
from screener.rulebook.loader import (
    DEFAULT_RULES_DIR,
    FilesStamp,
    LoadedBook,
    configured_rules_dir,
    files_stamp,
    load_located,
    load_rule_book,
    load_safety_text,
    safety_stamp,
)
from screener.rulebook.problems import Problem, RuleBookError

__all__ = [
    "DEFAULT_RULES_DIR",
    "FilesStamp",
    "LoadedBook",
    "Problem",
    "RuleBook",
    "RuleBookError",
    "configured_rules_dir",
    "files_stamp",
    "load_located",
    "load_rule_book",
    "load_safety_text",
    "safety_stamp",
]
