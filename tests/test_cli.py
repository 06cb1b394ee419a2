"""The ``borderless`` command's wiring: a command module that cannot be imported is an error.

These tests need no database: the failure happens while the parser is built.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from borderless import cli


def _broken_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> str:
    """A command module made of ``body``, on the path and in the CLI's list; returns its name."""
    name = "brokencmds_" + re.sub(r"\W", "_", tmp_path.name)  # one per test: no import cache
    (tmp_path / f"{name}.py").write_text(body, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES[:1], name))
    return name


@pytest.mark.parametrize(("body", "cause"), [
    ("import borderless_no_such_dependency\n", "No module named 'borderless_no_such_dependency'"),
    ("from graph.driver import no_such_function\n", "cannot import name 'no_such_function'"),
    ("def register(subparsers) -> None\n", "SyntaxError"),
    ("raise RuntimeError('settings read at import time')\n", "settings read at import time"),
    ("VALUE = 1  # no register()\n", "no register(subparsers) function"),
])
def test_a_broken_command_module_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], body: str, cause: str,
) -> None:
    name = _broken_module(tmp_path, monkeypatch, body)
    assert cli.main(["db", "status"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("borderless: error: ") and err.count("\n") == 1, err
    assert name in err and cause in err


def test_a_missing_dependency_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    _broken_module(tmp_path, monkeypatch, "import borderless_no_such_dependency\n")
    assert cli.main(["--help"]) == 2
    assert "pip install -c requirements.lock" in capsys.readouterr().err


def test_a_command_module_that_does_not_exist_is_an_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, "loaders.no_such_cli"))
    assert cli.main(["db", "status"]) == 2
    assert "loaders.no_such_cli" in capsys.readouterr().err


def test_every_command_module_of_the_installation_loads() -> None:
    commands = cli.build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert isinstance(commands, dict)
    for command in ("db", "stats", "load", "train", "refresh", "serve"):
        assert command in commands
