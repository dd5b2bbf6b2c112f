"""Shared fixtures.

Flask test client:
    app, client          an app from create_app() with no MAILCOACH_* environment leaking in
    make_app(**config)   more apps, with config overrides (names without the MAILCOACH_ prefix)

Real servers (`mailcoach-server` under gunicorn, on a free 127.0.0.1 port the OS picks):
    live_server          base URL of a server started for this test; environment from the
                         marker  @pytest.mark.server_env(MAILCOACH_API_KEYS="k1", ...)
    server_factory       start(env={...}, args=[...]) -> LiveServer (.url, .log(), .stop());
                         every server it started is stopped at teardown
    shared_live_server   one default server for the whole session (read-only tests)
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

import pytest

REPO = Path(__file__).resolve().parent.parent
LISTENING = re.compile(r"mailcoach-server: listening on (https?://\S+)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "server_env(**env): environment for the live_server fixture")


# --- Flask test client ----------------------------------------------------------------------

@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("MAILCOACH_"):
            monkeypatch.delenv(name)


@pytest.fixture
def make_app(clean_env) -> Callable:
    from addin_server import create_app

    def make(**config):
        return create_app({"TESTING": True, **config})

    return make


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


# --- live servers ---------------------------------------------------------------------------

def server_command() -> list[str]:
    """The installed console script if there is one beside this Python, else the module."""
    script = Path(sys.executable).parent / "mailcoach-server"
    if script.exists():
        return [str(script)]
    found = shutil.which("mailcoach-server")
    return [found] if found else [sys.executable, "-m", "addin_server.cli"]


def server_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILCOACH_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra or {})
    return env


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen
    log_path: Path
    returncode: int | None = field(default=None)

    def log(self) -> str:
        """Everything the server wrote to stdout and stderr so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM (gunicorn's graceful stop) and wait; the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
                raise AssertionError(f"server did not stop within {timeout}s:\n{self.log()[-3000:]}")
        self.returncode = self.process.returncode
        return self.returncode


def start_server(log_path: Path, env: Mapping[str, str] | None = None, args: Sequence[str] = (),
                 timeout: float = 60) -> LiveServer:
    """Start `mailcoach-server serve` on port 0, and return once it answers /healthz."""
    args = list(args)
    defaults = {"--host": "127.0.0.1", "--port": "0", "--workers": "1", "--graceful-timeout": "5"}
    for flag, value in defaults.items():
        if flag not in args:
            args += [flag, value]
    out = open(log_path, "wb")
    process = subprocess.Popen(server_command() + ["serve", *args], stdout=out, stderr=subprocess.STDOUT,
                               env=server_env(env), cwd=str(log_path.parent))
    out.close()
    deadline = time.monotonic() + timeout
    url = None
    while time.monotonic() < deadline and url is None:
        if process.poll() is not None:
            raise AssertionError(f"mailcoach-server exited with {process.returncode}:\n{log_path.read_text()}")
        found = LISTENING.search(log_path.read_text(errors="replace"))
        url = found.group(1) if found else None
        if url is None:
            time.sleep(0.05)
    server = LiveServer(url or "", process, log_path)
    if url is None:
        server.stop()
        raise AssertionError(f"mailcoach-server did not start within {timeout}s:\n{server.log()}")
    if url.startswith("http://"):  # https callers check readiness with their own trust settings
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.05)
    return server


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    started: list[LiveServer] = []

    def start(env: Mapping[str, str] | None = None, args: Sequence[str] = ()) -> LiveServer:
        server = start_server(tmp_path / f"server-{len(started)}.log", env, args)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def live_server(server_factory, request: pytest.FixtureRequest) -> str:
    marker = request.node.get_closest_marker("server_env")
    return server_factory(env=dict(marker.kwargs) if marker else None).url


@pytest.fixture(scope="session")
def shared_live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = start_server(tmp_path_factory.mktemp("shared-server") / "server.log",
                          {"MAILCOACH_RATELIMIT": "off"})
    yield server.url
    server.stop()
