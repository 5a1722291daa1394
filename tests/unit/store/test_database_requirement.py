"""Without a PostgreSQL test cluster the PostgreSQL tests skip saying how to get one, but fail
where CI needs them (`PNS_REQUIRE_POSTGRES=1`), as the browser tests do without Chromium."""

from __future__ import annotations

import pytest

from tests.support.database import REQUIRE_ENV, URL_ENV, postgres_admin_url


def test_without_a_cluster_the_postgresql_tests_skip_saying_how_to_run_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(URL_ENV, raising=False)
    monkeypatch.delenv(REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match=rf"{URL_ENV}=postgresql://"):
        postgres_admin_url()


def test_without_a_cluster_the_postgresql_tests_fail_where_they_are_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(URL_ENV, raising=False)
    monkeypatch.setenv(REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match=rf"{REQUIRE_ENV}=1 requires"):
        postgres_admin_url()


def test_a_named_cluster_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(URL_ENV, "postgresql://someone@127.0.0.1:5432/postgres")
    assert postgres_admin_url() == "postgresql://someone@127.0.0.1:5432/postgres"
