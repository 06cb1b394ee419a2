"""``borderless db start | stop | status | logs`` on a real Neo4j, as a user runs them.

The commands run as subprocesses with their own environment, so each sees exactly the settings a
user's shell would give it. The lifecycle tests use a second, throw-away server in a temporary
state folder (sharing the session server's fetched jars through symlinks, so nothing is
downloaded) and never touch the session's server, which other tests are using.
"""

from __future__ import annotations

import html
import json
import os
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from borderless.errors import PortInUseError
from borderless.settings import REPO_ROOT, Settings
from graph.browser import manager_queries
from graph.process import pid_alive, rotate_log
from graph.server import Neo4jServer

# A real, non-placeholder secret for runs that must not touch the generated one.
OTHER_PASSWORD = "not-the-generated-one-7f3a"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A loopback port some other program is listening on for the test's duration."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def _cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``borderless ARGS`` with only ``env`` for Neo4j/Borderless settings.

    ``cwd`` is a folder without a ``.env``, so a developer's own file cannot leak in.
    """
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("BORDERLESS_", "NEO4J_"))}
    return subprocess.run(
        [sys.executable, "-m", "borderless.cli", *args],
        cwd=cwd, env={**clean, "PYTHONPATH": str(REPO_ROOT), **env},
        capture_output=True, text=True, timeout=300, check=False,
    )


def _alive(pid: int) -> bool:
    # A stopped server can linger as a zombie until init reaps it: that counts as stopped.
    return pid_alive(pid)


# -- no server needed ------------------------------------------------------------------------------
@pytest.mark.parametrize("busy", ["bolt", "http"])
def test_start_on_a_busy_port_fails_naming_it(tmp_path: Path, busy_port: int, busy: str) -> None:
    ports = {"bolt": _free_port(), "http": _free_port(), busy: busy_port}
    done = _cli(
        "db", "start", cwd=tmp_path, BORDERLESS_STATE_DIR=str(tmp_path / "state"),
        BORDERLESS_BOLT_PORT=str(ports["bolt"]), BORDERLESS_HTTP_PORT=str(ports["http"]),
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"port {busy_port} on 127.0.0.1 is already in use" in done.stderr
    assert f"BORDERLESS_{busy.upper()}_PORT" in done.stderr
    # It failed before fetching or configuring anything.
    assert not (tmp_path / "state" / "neo4j" / "lib").exists()


def test_start_on_a_busy_port_raises_port_in_use(tmp_path: Path, busy_port: int) -> None:
    settings = Settings(state_dir=tmp_path, bolt_port=busy_port, http_port=_free_port())
    with pytest.raises(PortInUseError, match=f"port {busy_port} "):
        Neo4jServer(settings).start()


def test_external_uri_makes_start_do_nothing(tmp_path: Path) -> None:
    state = tmp_path / "state"
    uri = f"bolt://127.0.0.1:{_free_port()}"
    done = _cli("db", "start", cwd=tmp_path, BORDERLESS_STATE_DIR=str(state),
                NEO4J_URI=uri, NEO4J_PASSWORD=OTHER_PASSWORD)
    assert done.returncode == 0, done.stderr
    assert f"NEO4J_URI is set: using {uri}" in done.stdout
    assert not state.exists()


def test_external_uri_makes_stop_leave_the_local_server_alone(
    tmp_path: Path, settings: Settings, neo4j_server: Neo4jServer | None
) -> None:
    if neo4j_server is None:
        pytest.skip("the session uses an external Neo4j; there is no local server to protect")
    pid = neo4j_server.pid()
    assert pid is not None
    done = _cli("db", "stop", cwd=tmp_path, BORDERLESS_STATE_DIR=str(settings.state_dir),
                NEO4J_URI=settings.bolt_uri(), NEO4J_PASSWORD=OTHER_PASSWORD)
    assert done.returncode == 0, done.stderr
    assert "NEO4J_URI is set" in done.stdout
    assert neo4j_server.pid() == pid and _alive(pid)


def test_a_stale_pid_file_naming_another_process_is_never_signalled(tmp_path: Path) -> None:
    # After a reboot the pid in the file may belong to anyone; here it is this test's own.
    server = Neo4jServer(Settings(state_dir=tmp_path))
    server.pid_file.parent.mkdir(parents=True)
    server.pid_file.write_text(str(os.getpid()))
    assert server.pid() is None
    assert not server.pid_file.exists()
    server.pid_file.write_text(str(os.getpid()))
    assert server.stop() is False  # and this process is still here to say so


# -- a second, throw-away server -------------------------------------------------------------------
@pytest.fixture(scope="module")
def spare(
    tmp_path_factory: pytest.TempPathFactory, neo4j_server: Neo4jServer | None
) -> Iterator[dict[str, str]]:
    """Environment for a second project server in a temporary state folder (not started)."""
    if neo4j_server is None:
        pytest.skip("the session uses an external Neo4j; no fetched jars to start a second one")
    state = tmp_path_factory.mktemp("spare-neo4j")
    home = state / "neo4j"
    home.mkdir()
    for sub in ("lib", "plugins"):
        (home / sub).symlink_to(neo4j_server.home / sub, target_is_directory=True)
    env = {
        "BORDERLESS_STATE_DIR": str(state),
        "BORDERLESS_BOLT_PORT": str(_free_port()),
        "BORDERLESS_HTTP_PORT": str(_free_port()),
        "BORDERLESS_NEO4J_HEAP": "256m",
        "BORDERLESS_NEO4J_PAGECACHE": "32m",
    }
    yield env
    # Whatever a failed test left behind must not outlive the session.
    Neo4jServer(Settings(state_dir=state)).stop()


def test_lifecycle_start_noop_status_logs_stop(spare: dict[str, str], tmp_path: Path) -> None:
    state = Path(spare["BORDERLESS_STATE_DIR"])
    server = Neo4jServer(Settings(state_dir=state))
    bolt = f"bolt://127.0.0.1:{spare['BORDERLESS_BOLT_PORT']}"

    # A console log from earlier runs past the size limit is rotated, not appended to.
    server.logs_dir.mkdir(parents=True, exist_ok=True)
    server.console_log.write_text("an earlier run\n" * 100, encoding="utf-8")
    started = _cli("db", "start", cwd=tmp_path, **spare, BORDERLESS_NEO4J_LOG_MAX_BYTES="1000")
    assert started.returncode == 0, started.stderr
    assert f"Neo4j started: {bolt}" in started.stdout
    pid = server.pid()
    assert pid is not None and _alive(pid)
    assert server.console_log.with_name("console.log.1").read_text(encoding="utf-8") == "an earlier run\n" * 100
    assert "an earlier run" not in server.console_log.read_text(encoding="utf-8", errors="replace")

    # Browser gets the catalog managers' style and guide from the server itself.
    http = f"http://127.0.0.1:{spare['BORDERLESS_HTTP_PORT']}"
    conf = (server.conf_dir / "neo4j.conf").read_text(encoding="utf-8")
    assert (f"browser.post_connect_cmd=style {http}/browser/borderless/style.grass; "
            f"play {http}/browser/borderless/guide.html") in conf
    guide = _http_text(f"{http}/browser/borderless/guide.html")
    assert "Borderless for catalog managers" in guide
    assert all(html.escape(q.summary) in guide for q in manager_queries())
    assert "caption: '{title_en}'" in _http_text(f"{http}/browser/borderless/style.grass")
    assert "<title>Neo4j Browser</title>" in _http_text(f"{http}/browser/")
    # Browser is unpacked into the home's own temporary folder, not the machine's /tmp.
    assert any(p.name.startswith("decompressed-browser") for p in server.tmp_dir.iterdir())

    # The generated password is private to the owner and never printed or logged.
    assert stat.S_IMODE(server.settings.password_file.stat().st_mode) == 0o600
    password = server.settings.password_file.read_text(encoding="utf-8").strip()
    assert len(password) >= 24
    assert password not in started.stdout + started.stderr
    assert password not in server.console_log.read_text(encoding="utf-8", errors="replace")

    again = _cli("db", "start", cwd=tmp_path, **spare)
    assert again.returncode == 0, again.stderr
    assert "already running" in again.stdout
    assert server.pid() == pid

    status = _cli("db", "status", "--json", cwd=tmp_path, **spare)
    assert status.returncode == 0, status.stderr
    info = json.loads(status.stdout)
    assert info["running"] is True and info["pid"] == pid and info["bolt_uri"] == bolt
    assert info["browser_url"] == f"http://127.0.0.1:{spare['BORDERLESS_HTTP_PORT']}/browser/"

    logs = _cli("db", "logs", "-n", "200", cwd=tmp_path, **spare)
    assert logs.returncode == 0, logs.stderr
    assert "Started." in logs.stdout
    assert password not in logs.stdout

    stopped = _cli("db", "stop", cwd=tmp_path, **spare)
    assert stopped.returncode == 0, stopped.stderr
    assert "Neo4j stopped" in stopped.stdout
    assert not _alive(pid)
    assert server.pid() is None

    after = _cli("db", "status", "--json", cwd=tmp_path, **spare)
    assert after.returncode == 3
    assert json.loads(after.stdout)["running"] is False
    assert "was not running" in _cli("db", "stop", cwd=tmp_path, **spare).stdout


def _http_text(url: str) -> str:
    # Neo4j answers on Bolt a moment before its web server has mounted Browser.
    for _ in range(60):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # a loopback URL
                return response.read().decode("utf-8")
        except (urllib.error.HTTPError, urllib.error.URLError, ConnectionError):
            time.sleep(1)
    raise AssertionError(f"{url} did not answer")


def test_console_log_rotates_by_size_and_keeps_n(tmp_path: Path) -> None:
    log = tmp_path / "console.log"
    assert not rotate_log(log, max_bytes=10, keep=3), "no log yet: nothing to rotate"
    log.write_text("small", encoding="utf-8")
    assert not rotate_log(log, max_bytes=10, keep=3)
    for run in range(1, 6):
        log.write_text(f"run {run} " * 5, encoding="utf-8")
        assert rotate_log(log, max_bytes=10, keep=3)
        assert not log.exists()
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == ["console.log.1", "console.log.2", "console.log.3"]
    assert [(tmp_path / f"console.log.{n}").read_text(encoding="utf-8").split()[1] for n in (1, 2, 3)] \
        == ["5", "4", "3"]
    # A smaller keep setting later also removes the logs beyond it.
    log.write_text("run 6 " * 5, encoding="utf-8")
    assert rotate_log(log, max_bytes=10, keep=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["console.log.1"]


def test_start_with_a_password_the_database_does_not_have_fails_fast(
    spare: dict[str, str], tmp_path: Path
) -> None:
    state = Path(spare["BORDERLESS_STATE_DIR"])
    server = Neo4jServer(Settings(state_dir=state))
    if not server.settings.password_file.exists():
        pytest.skip("needs the spare server's database initialised by the lifecycle test")
    done = _cli("db", "start", cwd=tmp_path, **spare, NEO4J_PASSWORD=OTHER_PASSWORD)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "refused the password for 'neo4j'" in done.stderr
    assert OTHER_PASSWORD not in done.stderr
    # It does not leave a server running that nobody can log in to.
    assert server.pid() is None
