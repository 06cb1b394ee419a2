"""Install the project's pinned packages into a virtual environment, with uv when it can be had.

``install_venv.py VENV`` installs ``requirements.lock``'s pins, the project itself (editable, with
the ``test`` and ``speech`` extras) and gbstats without its dependencies into VENV, which must exist
(``python -m venv``). uv (pinned below) is installed into VENV by VENV's own pip and then installs
everything else: from a warm cache it links files instead of unpacking 7 GB of wheels, seconds
instead of minutes. When uv cannot be installed (no wheel for this platform, an index without it),
one line says so and pip installs the same pins the slower way.

uv is told what pip is told: the index, extra indexes, find-links folders, trusted hosts, the CA
certificate file and the timeout come from ``pip config list`` (pip's files and ``PIP_*``
variables), so both reach packages the same way on this machine. Standard library only: it runs
with the system Python, like ``step_times.py``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

UV_PIN = "uv==0.13.8"
EXTRAS = ".[test,speech]"
LOCK = "requirements.lock"
# Installed without its dependencies: its pins in gbstats' metadata clash with pandas/numpy we run.
NO_DEPS = ["gbstats"]

_CONFIG_LINE = re.compile(r"^(?P<section>[^.]+)\.(?P<key>[a-z0-9-]+)='(?P<value>.*)'$")
# Later sections win, as in pip: the [global] file section, then [install], then PIP_* variables.
_SECTIONS = ("global", "install", ":env:")


def pip_settings(config_list: str) -> dict[str, str]:
    """pip's effective options from ``pip config list`` output, one value per option name."""
    found: dict[str, dict[str, str]] = {}
    for line in config_list.splitlines():
        match = _CONFIG_LINE.match(line.strip())
        if match and match["section"] in _SECTIONS:
            found.setdefault(match["key"], {})[match["section"]] = match["value"]
    return {key: next(by[s] for s in reversed(_SECTIONS) if s in by) for key, by in found.items()}


def uv_options(settings: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """uv's command-line flags and environment for pip's options (see the module docstring)."""
    flags: list[str] = []
    env: dict[str, str] = {}
    if "index-url" in settings:
        flags += ["--index-url", settings["index-url"]]
    extras = settings.get("extra-index-url", "").split()
    for url in extras:
        flags += ["--extra-index-url", url]
    if extras:
        # pip takes the best version across all indexes; uv's default would stop at the first.
        flags += ["--index-strategy", "unsafe-best-match"]
    for place in settings.get("find-links", "").split():
        # pip skips a missing local folder with a warning; uv would refuse to start.
        if "://" in place or Path(place).is_dir():
            flags += ["--find-links", place]
    for host in settings.get("trusted-host", "").split():
        flags += ["--allow-insecure-host", host]
    if settings.get("no-index", "").lower() in {"1", "true", "yes", "on"}:
        flags.append("--no-index")
    if "cert" in settings:
        env["SSL_CERT_FILE"] = settings["cert"]
    timeout = settings.get("default-timeout") or settings.get("timeout")
    if timeout:
        env["UV_HTTP_TIMEOUT"] = timeout
    return flags, env


def _run(command: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.call(command, env={**os.environ, **(env or {})})


def install_with_pip(venv: Path) -> int:
    """The slow path: pip itself, upgraded first (the venv's bundled pip may predate the wheels)."""
    pip = [str(venv / "bin" / "pip"), "install", "--quiet"]
    for command in (
        [*pip, "--upgrade", "pip"],
        [*pip, "-c", LOCK, "-e", EXTRAS],
        [*pip, "--no-deps", "-c", LOCK, *NO_DEPS],
    ):
        if status := _run(command):
            return status
    return 0


def install_with_uv(venv: Path) -> int:
    """The fast path: uv, reaching packages the way pip is configured to."""
    pip = str(venv / "bin" / "pip")
    config = subprocess.run([pip, "config", "list"], capture_output=True, text=True, check=False)
    flags, env = uv_options(pip_settings(config.stdout))
    # --compile-bytecode: pip writes .pyc files at install too; without them every CLI step would
    # compile torch's modules again where PYTHONDONTWRITEBYTECODE is set.
    uv = [str(venv / "bin" / "uv"), "pip", "install", "--quiet", "--compile-bytecode",
          "--python", str(venv / "bin" / "python"), *flags]
    if status := _run([*uv, "-c", LOCK, "-e", EXTRAS], env):
        return status
    return _run([*uv, "--no-deps", "-c", LOCK, *NO_DEPS], env)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``install_venv.py VENV [--pip]``; exits with the installer's status."""
    parser = argparse.ArgumentParser(description="install the pinned packages into a venv")
    parser.add_argument("venv", type=Path)
    parser.add_argument("--pip", action="store_true", help="install with pip only (the slow path)")
    args = parser.parse_args(argv)
    if args.pip:
        return install_with_pip(args.venv)
    got_uv = subprocess.run(
        [str(args.venv / "bin" / "pip"), "install", "--quiet", UV_PIN], capture_output=True, text=True, check=False
    )
    if got_uv.returncode != 0:
        reason = (got_uv.stderr.strip().splitlines() or ["no reason given"])[-1]
        print(f"{UV_PIN} could not be installed ({reason}): installing with pip, which takes minutes")
        return install_with_pip(args.venv)
    return install_with_uv(args.venv)


if __name__ == "__main__":
    sys.exit(main())
