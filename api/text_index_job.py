"""The text index built in the background while the API serves (``serve --text-index``, ``make run``).

Embedding the demo shop's 5,000 products takes minutes on a small machine, and nothing but
``search``'s ranking needs it: the catalog, listings, product pages and recommendations serve
without it, and ``search`` finds products without a text vector by their words. So ``make run``
serves as soon as the catalog and the first model are in, and ``serve --text-index`` starts
``borderless load text-index`` as a child process (resumable: it embeds only what is missing, so
a build stopped with the server goes on where it stopped next time). Its output goes to
``<state dir>/logs/text-index.log``; its process id to ``<state dir>/text-index.pid``, so
``/readyz`` can tell a build that is running from one that stopped (:func:`text_index_state`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from borderless.settings import Settings

# Every job's command line holds this word: a pid file left by a job long gone, whose number a
# later unrelated process took, is not mistaken for a running build.
MARKER = "text-index"


def job_command() -> list[str]:
    """The background build: the CLI's own ``load text-index``, with this interpreter."""
    return [sys.executable, "-m", "borderless.cli", "load", MARKER, "--no-progress"]


def pid_file(settings: Settings) -> Path:
    """Where the running build's process id is kept."""
    return settings.state_dir / "text-index.pid"


def log_file(settings: Settings) -> Path:
    """Where the background build writes what it did (and why it stopped, if it failed)."""
    return settings.state_dir / "logs" / "text-index.log"


def start_job(settings: Settings, command: list[str] | None = None) -> subprocess.Popen | None:
    """Start the background build unless one is running; returns its process, or ``None``.

    Args:
        settings: whose state folder holds the pid and log files (the child inherits the
            environment, so it builds the same database's index).
        command: the command to run (default :func:`job_command`; it must hold ``MARKER``).
    """
    if job_running(settings):
        return None
    log = log_file(settings)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        process = subprocess.Popen(command or job_command(), stdin=subprocess.DEVNULL,
                                   stdout=out, stderr=subprocess.STDOUT,
                                   # serve starts it before any thread of its own runs
                                   preexec_fn=_end_with_parent)  # noqa: PLW1509
    pid_file(settings).write_text(str(process.pid), encoding="utf-8")
    return process


def _end_with_parent() -> None:
    """In the child, before exec (Linux): be sent SIGTERM when the server process dies.

    uvicorn re-raises the SIGTERM it handled after shutting down, so the server dies by the
    signal and no ``finally`` of its own stops the build; the kernel does it instead.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG


def stop_job(process: subprocess.Popen, timeout_s: float = 10.0) -> None:
    """End the build with the server (it resumes next time); kill it if it does not stop."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def job_running(settings: Settings) -> bool:
    """Whether the process in the pid file is alive and is a text-index build."""
    try:
        pid = int(pid_file(settings).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return False
    proc = Path(f"/proc/{pid}")
    try:
        # Linux: an exited job not yet reaped is a zombie (state Z, after the parenthesised name).
        if proc.joinpath("stat").read_text(encoding="utf-8").rpartition(")")[2].split()[0] in "ZX":
            return False
        cmdline = proc.joinpath("cmdline").read_bytes()
        # Empty for a moment right after the exec: then it is the job just started.
        return not cmdline or MARKER.encode() in cmdline
    except FileNotFoundError:
        return False
    except (OSError, IndexError):
        pass
    try:
        os.kill(pid, 0)  # elsewhere: alive is the best that can be said
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def text_index_state(embedded: int, products: int, running: bool) -> str:
    """What ``/readyz`` says of the text index: ``ready``, ``building N/M`` or ``incomplete N/M``.

    ``incomplete`` means products lack text vectors and no build is running (start one with
    ``borderless load text-index``; a failed build says why in :func:`log_file`).
    """
    if embedded >= products:
        return "ready"
    return f"{'building' if running else 'incomplete'} {embedded}/{products}"
