"""The test run's own scheduling: every browser test goes to one worker, the other files are
shared out whole. xdist's `--dist loadgroup` can stop grouping without an error (it did with
pytest 9.2), which would start an app server and a chromium on every core."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_browser_tests_share_one_worker_and_other_files_stay_whole(tmp_path: Path) -> None:
    (tmp_path / "tests" / "e2e").mkdir(parents=True)
    # The project's own collection hook, which sorts and groups the tests.
    (tmp_path / "tests" / "conftest.py").write_text(
        "from tests.conftest import pytest_collection_modifyitems  # noqa: F401\n"
    )
    body = "".join(f"def test_{i}():\n    pass\n" for i in range(4))
    for name in ("e2e/test_one.py", "e2e/test_two.py", "test_a.py", "test_b.py"):
        (tmp_path / "tests" / name).write_text(body)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            # The project's own options (xdist, its scheduling), on this small suite.
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(tmp_path),
            "-n",
            "2",
            "-v",
            "-p",
            "no:cacheprovider",
            str(tmp_path / "tests"),
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    workers: dict[str, set[str]] = {}
    for worker, path in re.findall(r"\[(gw\d)\].*PASSED (tests/\S+?\.py)::", run.stdout):
        group = "e2e" if path.startswith("tests/e2e/") else path
        workers.setdefault(group, set()).add(worker)
    assert set(workers) == {"e2e", "tests/test_a.py", "tests/test_b.py"}, run.stdout
    assert all(len(ran_on) == 1 for ran_on in workers.values()), workers
