"""A profile from a JSON document (the command line's input): a `Profile`, or the problems."""

from __future__ import annotations

from pydantic import ValidationError

from screener.models import Profile, ProfileError

MAX_PROFILE_BYTES = 100_000


def profile_from_json(text: str) -> Profile:
    """The profile `text` describes. Raises `ProfileError` saying, in words, what is wrong."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_PROFILE_BYTES:
        raise ProfileError([f"the profile is larger than {MAX_PROFILE_BYTES:,} bytes"])
    try:
        return Profile.model_validate_json(text)
    except ValidationError as error:
        raise ProfileError(
            [
                f"{'.'.join(str(p) for p in e['loc']) or 'profile'}: {e['msg']}"
                for e in error.errors()
            ]
        ) from None
