"""Cypher statements only benchmarks run, kept in ``bench/cypher/`` out of the production folder."""

from __future__ import annotations

from pathlib import Path

BENCH_CYPHER = Path(__file__).parent / "cypher"


def cypher_file(name: str) -> Path:
    """The benchmark-only statement ``bench/cypher/<name>.cypher``."""
    return BENCH_CYPHER / f"{name}.cypher"
