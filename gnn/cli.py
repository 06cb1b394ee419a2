"""``borderless train`` and ``borderless refresh``: learn shop embeddings and serve them.

``train`` trains from scratch and activates the result whatever it scores (first deployment, or
a deliberate reset). ``refresh`` is the scheduled job: it fine-tunes from the active version and
activates the candidate only if it is not worse than what is served by more than
``BORDERLESS_GNN_TOLERANCE`` on the newest interactions. Both print a summary, or JSON with
``--json`` (``status`` is ``activated`` or ``rejected``). Exit codes: 0 whether or not the
candidate was activated; 3 when the shop has nothing to learn from (no products, no shoppers or no
interactions: the message says which, and nothing is changed); 2 on any other error.
"""

from __future__ import annotations

import argparse
import json
import sys

# The shop has no products, shoppers or interactions (a scheduler may retry later; see the README).
EXIT_NOTHING_TO_TRAIN_ON = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    for name, help_text in (
        ("train", "train shop embeddings from scratch and activate them"),
        ("refresh", "retrain, judge on the newest interactions, activate only if not worse"),
    ):
        cmd = subparsers.add_parser(name, help=help_text)
        cmd.add_argument("--epochs", type=int, help="training epochs (BORDERLESS_GNN_EPOCHS)")
        cmd.add_argument("--budget-s", type=float, help="stop training after this many seconds")
        cmd.add_argument("--device", help="cpu, cuda, cuda:1 (default: CUDA when present)")
        cmd.add_argument("--json", action="store_true", help="print the outcome as JSON")
        cmd.add_argument("--no-progress", action="store_true", help="hide progress bars")
        if name == "refresh":
            cmd.add_argument("--from-scratch", action="store_true",
                             help="do not fine-tune from the active version")
        cmd.set_defaults(handler=_run, gnn_command=name)


def _run(args: argparse.Namespace) -> int:
    from borderless.errors import NothingToTrainOn
    from borderless.settings import get_settings
    from gnn.refresh import refresh
    from gnn.settings import get_gnn_settings
    from graph.driver import open_driver

    settings = get_settings()
    gnn = get_gnn_settings(epochs=args.epochs, budget_s=args.budget_s, device=args.device)
    is_train = args.gnn_command == "train"
    if gnn.threads:
        import torch

        torch.set_num_threads(gnn.threads)
    try:
        with open_driver(settings) as driver:
            outcome = refresh(driver, settings, gnn, fine_tune=not (is_train or args.from_scratch),
                              force=is_train, progress=not (args.no_progress or args.json))
    except NothingToTrainOn as e:
        print(f"borderless {args.gnn_command}: nothing to train on: {e}", file=sys.stderr)
        return EXIT_NOTHING_TO_TRAIN_ON
    if args.json:
        print(json.dumps(outcome.to_json(), sort_keys=True))
    else:
        print(f"{outcome.version}: {outcome.status}"
              + (f" ({outcome.reason})" if outcome.reason else ""))
        print(f"  snapshot {outcome.snapshot}")
        print(f"  candidate {outcome.metrics}  served before ({outcome.served_before}) "
              f"{outcome.served_metrics}")
        print(f"  {outcome.epochs:.1f} epochs, {outcome.train_s:.1f} s training, "
              f"{outcome.wall_s:.1f} s in all; learning curve {outcome.curve}")
    # Keeping the active version is a successful run too (cron and `make run` must not fail on
    # it); the outcome says which happened.
    return 0
