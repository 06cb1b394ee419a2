"""The Neo4j password never shows in another process's command line or environment, nor in a log.

A fresh server (its own state folder and ports, sharing the session server's fetched jars) is
started while every process's ``/proc/<pid>/cmdline`` and ``environ`` are polled; the admin tool
that sets the initial password must be seen (so the polling is known to work) and no snapshot may
hold the password.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import threading
from pathlib import Path

import pytest

from borderless.settings import Settings
from graph.driver import open_driver
from graph.server import Neo4jServer


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _process_snapshots(own_pid: int) -> set[tuple[str, bytes]]:
    """Each other process's argv and environment, as ``(kind, raw bytes)``."""
    seen: set[tuple[str, bytes]] = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == own_pid:
            continue
        for part in ("cmdline", "environ"):
            with contextlib.suppress(OSError):  # gone already, or not ours to read
                seen.add((part, (proc / part).read_bytes()))
    return seen


def _fresh_server(tmp_path: Path, session_server: Neo4jServer) -> Neo4jServer:
    settings = Settings(state_dir=tmp_path / "state", bolt_port=_free_port(),
                        http_port=_free_port(), neo4j_heap="256m", neo4j_pagecache="32m",
                        start_timeout_s=240)
    server = Neo4jServer(settings)
    server.home.mkdir(parents=True)
    # The jars are the session server's (a second Maven fetch would take minutes).
    server.lib_dir.symlink_to(session_server.lib_dir.resolve())
    server.plugins_dir.symlink_to(session_server.plugins_dir.resolve())
    assert server.installed()
    return server


def test_the_password_reaches_no_command_line_environment_or_log(
        tmp_path, monkeypatch, neo4j_server):
    if neo4j_server is None:
        pytest.skip("an external Neo4j is configured; there is no server for us to start")
    # Characters an argument file could misread: a leading '-', quotes, backslash, '#', spaces.
    password = f'-{secrets.token_hex(12)} "q\\ #x'
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    server = _fresh_server(tmp_path, neo4j_server)
    assert server.settings.neo4j_password is not None

    failure: list[BaseException] = []

    def start() -> None:
        try:
            server.start()
        except BaseException as e:  # noqa: BLE001 - handed to the test thread
            failure.append(e)

    starter = threading.Thread(target=start)
    snapshots: set[tuple[str, bytes]] = set()
    starter.start()
    try:
        while starter.is_alive():
            snapshots |= _process_snapshots(own_pid=os.getpid())
        assert not failure, failure
        argvs = [raw for kind, raw in snapshots if kind == "cmdline"]
        assert any(b"set-initial-password" in a for a in argvs), "never saw the admin tool"
        assert any(b"CommunityEntryPoint" in a for a in argvs), "never saw the server"
        for kind in ("cmdline", "environ"):
            leaked = [raw[:120] for k, raw in snapshots if k == kind and password.encode() in raw]
            assert not leaked, f"password in a process's {kind}: {leaked}"
        # The password set is exactly the one given (start() checked it over Bolt; once more).
        with open_driver(server.settings) as driver:
            driver.verify_connectivity()
        for path in server.home.rglob("*"):
            if path.parent in (server.lib_dir, server.plugins_dir):
                continue  # the shared jars
            if path.is_file() and path != server.settings.password_file:
                assert password.encode() not in path.read_bytes(), path
        assert oct(server.settings.password_file.stat().st_mode & 0o777) == "0o600"
        assert not list((server.home / "run").glob(".initial-password-*"))
    finally:
        starter.join()
        server.stop()
