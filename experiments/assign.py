"""Deterministic assignment of a unit (shopper or session id) to a variant, by GrowthBook's SDK.

The definition is built locally from the stored experiment (no network, no GrowthBook server):
GrowthBook hashes ``experiment key + unit id`` (its hash version 1, FNV-1a) into [0, 1) and maps
it onto the variants' shares, so the same unit always gets the same variant while the experiment
runs, in every API process, and a unit's bucket does not depend on the order units arrive.
"""

from __future__ import annotations

from growthbook import Experiment, GrowthBook

from experiments.definition import Variant

HASH_ATTRIBUTE = "id"


def assign(experiment_key: str, variants: list[Variant], unit: str) -> Variant:
    """The variant ``unit`` is served in experiment ``experiment_key``."""
    gb = GrowthBook(attributes={HASH_ATTRIBUTE: unit})
    try:
        result = gb.run(Experiment(
            key=experiment_key, variations=list(range(len(variants))),
            weights=[v.share for v in variants], hashAttribute=HASH_ATTRIBUTE, coverage=1.0,
        ))
    finally:
        gb.destroy()
    # Shares add up to 1 and coverage is full, so every unit is in; index 0 only on a hash miss.
    return variants[int(result.value) if result.inExperiment else 0]
