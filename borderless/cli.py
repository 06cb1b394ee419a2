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
from borderless.errors import BorderlessError

# Modules that add commands; each has ``register(subparsers) -> None``. A module that does not
# exist yet (a layer still being built) is skipped.
COMMAND_MODULES = ("graph.cli", "loaders.cli", "gnn.cli", "api.cli")


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


def present_modules(names: tuple[str, ...]) -> Iterator[ModuleType]:
    """Import each named module that exists; a missing one is skipped, a broken one raises."""
    for module_name in names:
        try:
            yield importlib.import_module(module_name)
        except ModuleNotFoundError as e:
            if e.name != module_name:
                raise


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
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
