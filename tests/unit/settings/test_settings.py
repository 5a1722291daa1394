"""Every environment setting lives in `screener.settings`: its variable is `PNS_` and its name,
a changed environment is obeyed at once, a bad value is named plainly, and nothing else in the
package reads the environment. `screener class purge` obeys the retention setting."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from screener import settings
from screener.app import book_state
from screener.cli import EXIT_INPUT, EXIT_UNAVAILABLE, main
from screener.models import Confidence
from screener.rulebook import DEFAULT_RULES_DIR
from screener.store import connect, queries
from tests.app.conftest import APP, assert_no_exception
from tests.conftest import ClassDatabase
from tests.support.database import TIMEOUT_ENV

SCREENER = Path(__file__).resolve().parents[3] / "screener"
ENVIRONMENT_READS = re.compile(r"\bos\.environ\b|\bos\.getenv\b|\bgetenv\(")


def test_each_setting_is_named_pns_and_its_field() -> None:
    assert {settings.env_name(field) for field in settings.Settings.model_fields} == {
        settings.RULES_DIR_ENV,
        settings.CASE_PACK_ENV,
        settings.DATABASE_URL_ENV,
        settings.SQLITE_PATH_ENV,
        settings.RETENTION_DAYS_ENV,
        TIMEOUT_ENV,
    }
    assert settings.RULES_DIR_ENV == "PNS_RULES_DIR"
    assert settings.CASE_PACK_ENV == "PNS_CASE_PACK"


def test_nothing_but_the_settings_module_reads_the_environment() -> None:
    readers = [
        path.relative_to(SCREENER).as_posix()
        for path in SCREENER.rglob("*.py")
        if ENVIRONMENT_READS.search(path.read_text(encoding="utf-8"))
    ]
    assert readers == ["settings.py"]


def test_a_changed_environment_is_obeyed_at_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(settings.RULES_DIR_ENV, raising=False)
    assert book_state.rules_dir() == DEFAULT_RULES_DIR
    monkeypatch.setenv(settings.RULES_DIR_ENV, str(tmp_path))
    assert book_state.rules_dir() == tmp_path
    monkeypatch.setenv(settings.RETENTION_DAYS_ENV, "7")
    assert settings.current().retention_days == 7
    monkeypatch.setenv(settings.CASE_PACK_ENV, "")
    assert settings.current().case_pack is None, "an empty variable means no pack"


def test_the_defaults_need_nothing_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for field in settings.Settings.model_fields:
        monkeypatch.delenv(settings.env_name(field), raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    found = settings.current()
    assert found.database_url is None
    assert found.sqlite_path == tmp_path / "pns-screener" / "classes.sqlite3"
    assert found.retention_days == 30


@pytest.mark.parametrize(
    ("name", "value"),
    [
        (settings.RETENTION_DAYS_ENV, "thirty"),
        (settings.RETENTION_DAYS_ENV, "0"),
        (TIMEOUT_ENV, "-1"),
    ],
)
def test_a_bad_value_is_refused_naming_its_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(settings.SettingsError, match=name):
        settings.current()


def test_a_bad_setting_shows_the_framed_error_page_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(settings.RETENTION_DAYS_ENV, "thirty")
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert_no_exception(at)
    assert ("The screener is unavailable") in [t.value for t in at.title]
    assert settings.RETENTION_DAYS_ENV in " ".join(m.value for m in at.markdown).replace("\\", "")


def test_purge_deletes_only_what_is_past_the_retention(
    class_database: ClassDatabase, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    db = connect()
    now = dt.datetime.now(dt.UTC)
    old, _ = queries.create_session(db, "case_x", 1, now - dt.timedelta(days=40), 30)
    queries.save_answer(
        db, old.code, "seat-000000000001", 0, ("lems",), Confidence.CERTAIN, old.created_at
    )
    kept, _ = queries.create_session(db, "case_x", 1, now, 30)
    assert main(["class", "purge"]) == 0
    out = capsys.readouterr().out
    assert "Deleted 1 class session and their 1 answer" in out
    assert "30 days" in out
    assert queries.session_by_code(db, old.code) is None
    assert queries.session_by_code(db, kept.code) is not None


def test_purge_says_so_when_the_database_cannot_be_reached(
    monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv(settings.DATABASE_URL_ENV, "postgresql://nobody@127.0.0.1:9/nowhere")
    monkeypatch.setenv(TIMEOUT_ENV, "1")
    assert main(["class", "purge"]) == EXIT_UNAVAILABLE
    assert "cannot be reached" in capsys.readouterr().err


def test_purge_refuses_a_bad_retention_as_an_option_error(
    monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv(settings.RETENTION_DAYS_ENV, "0")
    assert main(["class", "purge"]) == EXIT_INPUT
    assert settings.RETENTION_DAYS_ENV in capsys.readouterr().err
