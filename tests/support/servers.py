"""Start a real `streamlit run` server (benchmarks, load and browser tests), always stopped.

The server runs in its own session, so stopping its process group also stops anything it started.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEALTH_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Server:
    url: str
    pid: int
    started_at: float
    """`time.perf_counter()` just before the process was spawned."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@contextlib.contextmanager
def streamlit_server(
    script: Path,
    env: Mapping[str, str] | None = None,
    *,
    launcher: Sequence[str] | None = None,
    cwd: Path = ROOT,
    port: int | None = None,
) -> Iterator[Server]:
    """A headless server for `script` on a loopback port (a free one unless given: a restarted
    server takes its predecessor's), healthy when yielded. `launcher` replaces
    `python -m streamlit run SCRIPT` (say, an installed `screener app`)."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        *(launcher or (sys.executable, "-m", "streamlit", "run", str(script))),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    with tempfile.TemporaryFile() as log:
        started_at = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = started_at + HEALTH_TIMEOUT_S
            while not _healthy(url):
                if process.poll() is not None or time.perf_counter() > deadline:
                    log.seek(0)
                    output = log.read().decode(errors="replace").strip()
                    raise RuntimeError(f"streamlit did not become healthy for {script}:\n{output}")
                time.sleep(0.02)
            yield Server(url=url, pid=process.pid, started_at=started_at)
        finally:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")
