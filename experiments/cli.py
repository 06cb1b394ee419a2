"""``borderless experiment create | status | stop | promote | report``.

Every command takes ``--json``; errors are one line naming what is wrong (exit 2).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from neo4j import Driver

from borderless.settings import get_settings
from experiments import store
from experiments.analysis import Analysis
from experiments.definition import SURFACES, ExperimentError, parse_definition, parse_variant_flag

# A variant is promoted without being named only when this sure to beat the control.
PROMOTE_CHANCE = 0.95


def register(subparsers: argparse._SubParsersAction) -> None:
    experiment = subparsers.add_parser(
        "experiment", help="online experiments on recommendations, search, similarProducts")
    commands = experiment.add_subparsers(dest="experiment_command", required=True, metavar="ACTION")

    create = commands.add_parser("create", help="create and start an experiment")
    create.add_argument("key", help="the experiment's key (1-64 of A-Z a-z 0-9 _ . : -)")
    create.add_argument("--variant", action="append", required=True,
                        metavar="KEY:SHARE:STRATEGY[:VERSION|:WEIGHTS]",
                        help="a variant, at least two; the first is the control (recommendations: "
                             "model, popularity, cold_start; search: search with weights such as "
                             "popularity=0.3,shopper=0.2; similarProducts: graph, look, both)")
    create.add_argument("--surface", choices=SURFACES, default="recommendations",
                        help="what the experiment varies (default recommendations)")
    create.add_argument("--unit", choices=("shopper", "session"), default="shopper",
                        help="what is assigned to a variant (default shopper)")
    create.set_defaults(handler=_create)

    status = commands.add_parser("status", help="one experiment's analysis, or every experiment")
    status.add_argument("key", nargs="?")
    status.set_defaults(handler=_status)

    stop = commands.add_parser("stop", help="stop an experiment (everyone gets the default again)")
    stop.add_argument("key")
    stop.set_defaults(handler=_stop)

    promote = commands.add_parser("promote", help="stop and serve the winning variant to everyone")
    promote.add_argument("key")
    promote.add_argument("--variant", help="the winner (default: the variant whose purchase "
                                           f"conversion beats the control with chance >= {PROMOTE_CHANCE})")
    promote.add_argument("--metric", choices=("click", "cart", "purchase", "revenue"),
                         default="purchase", help="the metric that picks the winner")
    promote.set_defaults(handler=_promote)

    report = commands.add_parser("report", help="write a PNG and an HTML page of an experiment")
    report.add_argument("key")
    report.add_argument("--out", type=Path, default=Path("."), help="folder (default: here)")
    report.set_defaults(handler=_report)

    for command in (create, status, stop, promote, report):
        command.add_argument("--json", action="store_true", help="print machine-readable JSON")


def _create(args: argparse.Namespace) -> int:
    definition = parse_definition(args.key, [parse_variant_flag(v) for v in args.variant],
                                  surface=args.surface, unit_type=args.unit)
    with _driver() as (driver, db):
        experiment = store.create(driver, db, definition)
    _print(args, experiment.as_dict(), f"experiment {experiment.key} is running: " + ", ".join(
        f"{v.key} {v.share:.0%} {v.strategy}" for v in experiment.variants))
    return 0


def _status(args: argparse.Namespace) -> int:
    with _driver() as (driver, db):
        if args.key is None:
            experiments = store.all_experiments(driver, db)
            _print(args, [e.as_dict() for e in experiments], "\n".join(
                f"{e.key}  {e.status}  {e.surface}  since {e.start}" for e in experiments)
                or "no experiments")
            return 0
        experiment, analysis, _ = store.analysis(driver, db, args.key)
    _print(args, {"experiment": experiment.as_dict(), "analysis": analysis.as_dict()},
           _describe(experiment, analysis))
    return 0


def _stop(args: argparse.Namespace) -> int:
    with _driver() as (driver, db):
        experiment = store.stop(driver, db, args.key)
    _print(args, experiment.as_dict(), f"experiment {experiment.key} is {experiment.status}")
    return 0


def _promote(args: argparse.Namespace) -> int:
    with _driver() as (driver, db):
        winner = args.variant
        if winner is None:
            _, analysis, _ = store.analysis(driver, db, args.key)
            winner = pick_winner(analysis, args.metric)
        experiment = store.stop(driver, db, args.key, winner=winner)
    _print(args, experiment.as_dict(),
           f"experiment {experiment.key} promoted {winner}: recommendations now serve its strategy")
    return 0


def _report(args: argparse.Namespace) -> int:
    from experiments.report import write_report  # matplotlib loads only for reports

    with _driver() as (driver, db):
        experiment, analysis, rows = store.analysis(driver, db, args.key)
    png, html = write_report(experiment, analysis, rows, args.out)
    _print(args, {"png": str(png), "html": str(html)}, f"wrote {png} and {html}")
    return 0


def pick_winner(analysis: Analysis, metric: str) -> str:
    """The variant most likely to beat the control on ``metric``, if that chance is high enough.

    Raises:
        ExperimentError: no variant is sure enough; the message gives each one's chance.
    """
    chances = {v.key: m.chance_to_win for v in analysis.variants[1:] for m in v.metrics
               if m.metric == metric}
    best = max(chances, key=lambda k: chances[k] or 0.0, default=None)
    if best is None or (chances[best] or 0.0) < PROMOTE_CHANCE:
        shown = ", ".join(f"{k} {c if c is None else round(c, 3)}" for k, c in chances.items())
        raise ExperimentError(f"no variant beats the control on {metric} with chance >= "
                              f"{PROMOTE_CHANCE} ({shown or 'no data'}); name one with --variant")
    return best


def _describe(experiment: store.Experiment, analysis: Analysis) -> str:
    lines = [f"experiment {experiment.key}: {experiment.status} since {experiment.start}, "
             f"{analysis.units} units, sample ratio p = {analysis.srm_p_value:.4g}"
             + ("  ** SAMPLE RATIO MISMATCH: assignment is broken **" if analysis.srm_flagged else "")]
    for v in analysis.variants:
        lines.append(f"  {v.key} ({v.share:.0%}): {v.units} units, {v.lists} lists, "
                     f"{v.impressions} impressions")
        for m in v.metrics:
            if m.lift is None:
                lines.append(f"    {m.metric}: {m.error}")
                continue
            lines.append(
                f"    {m.metric}: {m.variant_mean:.4g} vs {m.control_mean:.4g}, lift "
                f"{m.lift:+.1%} [{m.lift_low:+.1%}, {m.lift_high:+.1%}], chance to win "
                f"{m.chance_to_win:.1%}, p = {m.p_value:.3g} (sequential {m.p_value_sequential:.3g})")
    return "\n".join(lines)


@contextmanager
def _driver() -> Iterator[tuple[Driver, str]]:
    """One driver for the command, with the database it uses."""
    from graph.driver import open_driver

    settings = get_settings()
    with open_driver(settings) as driver:
        yield driver, settings.neo4j_database


def _print(args: argparse.Namespace, value: object, text: str) -> None:
    print(store.dumps(value) if args.json else text)


__all__ = ["ExperimentError", "pick_winner", "register"]
