"""Experiments in the graph, for the CLI (sync driver): create, status, stop, promote, outcomes.

The API runs the same named statements through its ``GraphSession`` (``api.schema.experiments``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from experiments.analysis import Analysis, analyse
from experiments.definition import Definition, ExperimentError, Variant, stored_variants
from graph.driver import read, write_returning


@dataclass(frozen=True)
class Experiment:
    key: str
    surface: str
    unit_type: str
    status: str
    start: str | None
    stop: str | None
    variants: list[Variant]
    winner: str | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> Experiment:
        return cls(row["key"], row["surface"], row["unit_type"], row["status"], row["start"],
                   row["stop"], stored_variants(row["variants"]), row["winner"])

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "surface": self.surface, "unitType": self.unit_type,
                "status": self.status, "start": self.start, "stop": self.stop,
                "variants": [v.stored() for v in self.variants], "winner": self.winner}


def created(row: dict[str, Any] | None, definition: Definition) -> None:
    """Raise unless ``experiment_create``'s row says the experiment was created."""
    if row is None or row.get("key") is None:
        if row and row.get("exists"):
            raise ExperimentError(f"experiment {definition.key!r} exists already; pick another key")
        running = row.get("running") if row else None
        raise ExperimentError(f"experiment {running!r} is running on {definition.surface}; "
                              f"stop or promote it first (one experiment per surface at a time)")


def check_versions(driver: Driver, database: str, definition: Definition) -> None:
    """Raise unless every model version a variant names exists."""
    for variant in definition.variants:
        if variant.model_version and not read(driver, "queries/experiment_model_version", database,
                                              id=variant.model_version):
            raise ExperimentError(f"variant {variant.key!r}: model version "
                                  f"{variant.model_version!r} does not exist")


def create(driver: Driver, database: str, definition: Definition) -> Experiment:
    """Create and start ``definition``.

    Raises:
        ExperimentError: the key is taken, another experiment runs on the surface, or a variant
            names a model version that does not exist.
    """
    check_versions(driver, database, definition)
    rows = write_returning(driver, "writes/experiment_create", database, key=definition.key,
                           surface=definition.surface, unit_type=definition.unit_type,
                           variants=definition.variants_json())
    created(rows[0] if rows else None, definition)
    return get(driver, database, definition.key)


def get(driver: Driver, database: str, key: str) -> Experiment:
    """Experiment ``key``; raises ExperimentError naming it when there is none."""
    rows = read(driver, "queries/experiment_by_key", database, key=key)
    if not rows:
        raise ExperimentError(f"there is no experiment {key!r} (`borderless experiment status` lists them)")
    return Experiment.of(rows[0])


def all_experiments(driver: Driver, database: str) -> list[Experiment]:
    return [Experiment.of(r) for r in read(driver, "queries/experiment_list", database)]


def stop(driver: Driver, database: str, key: str, winner: str | None = None) -> Experiment:
    """Stop experiment ``key``; with ``winner`` promote that variant (served to everyone after).

    Raises:
        ExperimentError: no such experiment, or ``winner`` is none of its variants.
    """
    experiment = get(driver, database, key)
    if winner is not None and winner not in {v.key for v in experiment.variants}:
        raise ExperimentError(f"experiment {key!r} has no variant {winner!r}; its variants are "
                              + ", ".join(v.key for v in experiment.variants))
    write_returning(driver, "writes/experiment_stop", database, key=key, winner=winner)
    return get(driver, database, key)


def outcomes(driver: Driver, database: str, experiment: str | None, since: str | None = None,
             until: str | None = None) -> list[dict[str, Any]]:
    """Per served list rows (``queries/served_list_outcomes``)."""
    return read(driver, "queries/served_list_outcomes", database, experiment=experiment,
                since=since, until=until)


def analysis(driver: Driver, database: str, key: str) -> tuple[Experiment, Analysis, list[dict[str, Any]]]:
    """The experiment, its analysis and the per-list rows it rests on."""
    experiment = get(driver, database, key)
    rows = outcomes(driver, database, key)
    return experiment, analyse(key, experiment.variants, rows), rows


def dumps(value: Any) -> str:
    return json.dumps(value, indent=2, sort_keys=True, default=str)
