"""A profile from a JSON document (the command line's input): a `Profile`, or the problems.

JSON is read strictly: UTF-8 only, a key given twice is refused (JSON parsers usually keep the last
one silently), and NaN and Infinity, which Python's parser accepts, are not numbers. A Phenopacket
(`phenopacket.py`) is read through the same strict reading before its own schema checks it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from screener.models import Profile, ProfileError

MAX_PROFILE_BYTES = 100_000
MAX_DIGITS = 30
"""No lab value needs more digits; Python would refuse a few thousand with a traceback."""


def profile_from_json(document: str | bytes) -> Profile:
    """The profile `document` describes. Raises `ProfileError` saying, in words, what is wrong."""
    return profile_from_data(read_json(document, "profile", MAX_PROFILE_BYTES))


def profile_from_data(data: object) -> Profile:
    """The profile a parsed JSON document describes, or `ProfileError`."""
    if not isinstance(data, dict):
        raise ProfileError(['the profile must be a JSON object, like {"findings": ["seizures"]}'])
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        raise ProfileError(
            [
                f"{'.'.join(str(p) for p in e['loc']) or 'profile'}: {e['msg']}"
                for e in error.errors()
            ]
        ) from None


def read_json(document: str | bytes, what: str, max_bytes: int) -> Any:
    """`document` read as strict JSON. Raises `ProfileError` naming `what` was given ('the
    profile', 'the Phenopacket') and what is wrong with it."""
    text = _text(document, what, max_bytes)
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise ProfileError([f"the {what} is larger than {max_bytes:,} bytes"])
    try:
        return json.loads(
            text,
            object_pairs_hook=_refuse_repeated_keys,
            parse_constant=_refuse,
            parse_int=_whole_number,
        )
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise ProfileError([f"the {what} is not valid JSON ({error.msg} at {where})"]) from None
    except RecursionError:
        raise ProfileError([f"the {what} is nested too deeply to be a {what}"]) from None
    except ValueError as error:
        raise ProfileError([f"the {what} cannot be read: {error}"]) from None


def _text(document: str | bytes, what: str, max_bytes: int) -> str:
    if isinstance(document, str):
        return document
    if len(document) > max_bytes:
        raise ProfileError([f"the {what} is larger than {max_bytes:,} bytes"])
    try:
        # A byte-order mark, as some editors write, is not part of the JSON.
        return document.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = error.object[error.start]
        raise ProfileError(
            [f"the {what} is not UTF-8 text (byte {byte:#04x} at position {error.start})"]
        ) from None


def _refuse_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key '{key}' is given more than once")
        result[key] = value
    return result


def _whole_number(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"a number has more than {MAX_DIGITS} digits")
    return int(digits)


def _refuse(constant: str) -> None:
    raise ValueError(f"{constant} is not a number")
