"""The ``borderless`` command line.

Each layer contributes its own commands through a ``register(subparsers)`` function in its
``cli`` module; this file only wires them together and turns expected errors into one clear line
and a non-zero exit code. Heavy imports (torch, transformers) happen inside command handlers, so
``borderless db status`` starts instantly.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Iterator
from types import ModuleType

from borderless import __version__
from borderless.errors import BorderlessError, CommandModuleError

# Modules that add commands; each has ``register(subparsers) -> None``. All of them are part of
# Borderless and need only its required dependencies, so none is optional: one that fails to
# import is an error naming it, never a command that silently goes missing.
COMMAND_MODULES = ("graph.cli", "loaders.cli", "loaders.retention", "loaders.enrich", "gnn.cli",
                   "api.cli", "experiments.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="borderless", description="Borderless: the cross-border commerce knowledge graph."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in present_modules(COMMAND_MODULES):
        module.register(subparsers)
    return parser


def present_modules(names: tuple[str, ...], hook: str = "register") -> Iterator[ModuleType]:
    """Import each named command module; each must define the function ``hook``.

    Raises:
        CommandModuleError: a module is missing, or raised while importing (a syntax error, a
            dependency that is not installed, a bad import of our own); the message names the
            module and the cause.
    """
    for module_name in names:
        try:
            module = importlib.import_module(module_name)
        except Exception as e:  # any failure at import time means a broken installation
            hint = ""
            if isinstance(e, ModuleNotFoundError) and e.name and e.name.split(".")[0] not in _OWN_PACKAGES:
                hint = " (a dependency is not installed: pip install -c requirements.lock -e '.[test]')"
            raise CommandModuleError(
                f"the commands of {module_name} could not be loaded: {type(e).__name__}: {e}{hint}"
            ) from e
        if not callable(getattr(module, hook, None)):
            raise CommandModuleError(f"command module {module_name} has no {hook}(subparsers) function")
        yield module


_OWN_PACKAGES = frozenset(name.split(".")[0] for name in COMMAND_MODULES) | {"borderless"}


def main(argv: list[str] | None = None) -> int:
    """Run one ``borderless`` command; returns the process exit code."""
    try:
        parser = build_parser()
    except CommandModuleError as e:
        print(f"borderless: error: {e}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("neo4j").setLevel(logging.WARNING)
    # Schema-less reads of properties not yet written are expected on an empty graph.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    try:
        return int(args.handler(args) or 0)
    except BorderlessError as e:
        print(f"borderless {args.command}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"borderless {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `borderless db start | head -1`: the reader left; that is not our failure to report.
        sys.stderr.close()
        return 141


if __name__ == "__main__":
    sys.exit(main())
