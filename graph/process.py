"""Processes, ports and log files of the project-managed Neo4j (helpers of ``graph.server``)."""

from __future__ import annotations

import os
import socket
from pathlib import Path


def rotate_log(path: Path, max_bytes: int, keep: int) -> bool:
    """Rotate ``path`` once it holds ``max_bytes`` or more: ``path.1`` is the newest old one.

    Called before the server opens the log, so no writer holds it. Files beyond ``keep`` are
    deleted, so the logs never take more than about ``(keep + 1) * max_bytes`` plus one run.

    Returns:
        True if the log was rotated.
    """
    try:
        if path.stat().st_size < max_bytes:
            return False
    except FileNotFoundError:
        return False
    old = [path.with_name(f"{path.name}.{n}") for n in range(1, keep + 1)]
    old[-1].unlink(missing_ok=True)
    # Also drop any left by a larger keep setting earlier.
    for stale in path.parent.glob(f"{path.name}.*"):
        suffix = stale.name.rsplit(".", 1)[1]
        if suffix.isdigit() and int(suffix) > keep:
            stale.unlink()
    for newer, older in zip(reversed(old[:-1]), reversed(old[1:]), strict=True):
        if newer.exists():
            newer.replace(older)
    path.replace(old[0])
    return True


def port_taken(port: int) -> bool:
    """Whether something listens on ``port`` on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def runs_neo4j_in(pid: int, home: Path) -> bool:
    """Whether ``pid`` is a Neo4j server of this home (True where /proc cannot tell)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    return b"CommunityEntryPoint" in cmdline and f"--home-dir={home}".encode() in cmdline


def pid_alive(pid: int) -> bool:
    """True while the process runs; an exited process (zombie or reaped) is not alive."""
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A process that exited but whose parent (an init that does not reap) never collected it
    # is a zombie: it answers signals but is gone.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"
