"""Every environment setting, in one place: each is `PNS_` and its field's name in capitals.

Read afresh by `current()` each time a setting is needed, so a changed environment (a test, a
restarted process) is always the one obeyed. Nothing else in the package reads the environment.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from screener.errors import ScreenerError

ENV_PREFIX = "PNS_"


def _default_sqlite_path() -> Path:
    # The user's data folder, not the working directory: the README's run command then works
    # from anywhere and leaves the checkout clean.
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "pns-screener" / "classes.sqlite3"


class Settings(BaseSettings):
    # Other `PNS_` variables belong to the tests and CI (PNS_REQUIRE_BROWSER…), so unknown
    # ones are ignored rather than refused.
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="ignore")

    rules_dir: Path | None = Field(
        default=None, description="A rule book folder to use instead of the built-in one."
    )
    case_pack: str | None = Field(
        default=None, description="A folder of a teacher's own teaching cases (*.yaml)."
    )
    database_url: str | None = Field(
        default=None,
        description="Where class sessions are kept, e.g. postgresql://user@host/db; without "
        "it, a SQLite file at sqlite_path.",
    )
    sqlite_path: Path = Field(
        default_factory=_default_sqlite_path,
        description="The SQLite file used when no database_url is set.",
    )
    retention_days: int = Field(
        default=30, ge=1, le=3650, description="Days class data is kept before it expires."
    )
    database_timeout_s: float = Field(
        default=5.0,
        gt=0,
        le=120,
        description="How long a database call waits for a lock or a connection before it "
        "gives up with a plain message.",
    )

    @field_validator("rules_dir", "case_pack", "database_url", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # `PNS_CASE_PACK=` in a shell means no pack, as it always has.
        return None if value == "" else value


def env_name(field: str) -> str:
    """The environment variable that sets `field`."""
    if field not in Settings.model_fields:
        raise KeyError(field)
    return ENV_PREFIX + field.upper()


RULES_DIR_ENV = env_name("rules_dir")
CASE_PACK_ENV = env_name("case_pack")
DATABASE_URL_ENV = env_name("database_url")
SQLITE_PATH_ENV = env_name("sqlite_path")
RETENTION_DAYS_ENV = env_name("retention_days")


class SettingsError(ScreenerError, ValueError):
    """A setting in the environment cannot be used; the message names the variable."""


_DEFAULTS_FROM = ("HOME", "XDG_DATA_HOME")
"""Variables outside the prefix that a default depends on."""
_read: dict[frozenset[tuple[str, str]], Settings] = {}
_lock = threading.Lock()


def current() -> Settings:
    """The settings as the environment gives them now. Raises `SettingsError`.

    Built once per distinct environment: the pages ask on every run, and building the model
    costs a quarter of a millisecond where looking at the environment costs a hundredth."""
    key = frozenset(
        (name, value)
        for name, value in os.environ.items()
        if name.startswith(ENV_PREFIX) or name in _DEFAULTS_FROM
    )
    found = _read.get(key)
    if found is None:
        try:
            found = Settings()
        except ValidationError as error:
            problems = "; ".join(
                f"{env_name(str(e['loc'][0]))}: {e['msg']}" if e["loc"] else e["msg"]
                for e in error.errors()
            )
            raise SettingsError(f"A setting cannot be used: {problems}") from None
        with _lock:
            if len(_read) > 64:  # a test suite changes the environment often; keep a few
                _read.clear()
            _read[key] = found
    return found
