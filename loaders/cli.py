"""``borderless load ...``: each loader module adds its own ``load`` sub-command.

A loader module exposes ``register_load(load_subparsers)``; one that fails to import is an error
naming it (``borderless.cli.present_modules``).
"""

from __future__ import annotations

import argparse

from borderless.cli import present_modules

LOADER_MODULES = ("loaders.catalog", "loaders.taxonomy", "loaders.gowalla", "loaders.demo",
                  "loaders.text_index", "loaders.events", "loaders.image_index")


def register(subparsers: argparse._SubParsersAction) -> None:
    load = subparsers.add_parser("load", help="bring data into the graph")
    load_sub = load.add_subparsers(dest="load_command", required=True, metavar="SOURCE")
    for module in present_modules(LOADER_MODULES, hook="register_load"):
        module.register_load(load_sub)
