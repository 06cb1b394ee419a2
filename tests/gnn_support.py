"""Tiny shops for the model-version tests, written in the catalog format and loaded for real.

Every shop lives in its own id prefix (its ``shop``), ships to DE, and is removed with
``delete_id_prefix``; vectors are written through the production write-back (record, stage,
activate) so the tests see exactly what a refresh leaves behind.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, UTC
from pathlib import Path

import torch
from neo4j import Driver

from borderless.settings import Settings
from gnn.data import IdMap
from gnn.writeback import activate, record_version, stage_embeddings
from loaders.catalog import load_catalog

TEST_CYPHER = Path(__file__).parent / "cypher"


def write_tiny_shop(folder: Path, prefix: str, products: int, shoppers: int,
                    interactions: bool = True, start: datetime | None = None,
                    offset: int = 0) -> None:
    """``products`` products and ``shoppers`` shoppers of one brand and category; shopper n
    touches products n+offset, n+offset+1 (mod the catalog) when ``interactions``."""
    start = start or datetime(2026, 10, 1, tzinfo=UTC)
    pids = [f"{prefix}p{j}" for j in range(products)]
    files: dict[str, list[dict]] = {
        "countries": [{"code": "DE", "name": "Germany", "currency": "EUR", "languages": ["de"]}],
        "brands": [{"id": f"{prefix}b", "name": f"Brand {prefix}"}],
        "categories": [{"id": f"{prefix}c", "names": {"en": f"Things {prefix}"}}],
        "products": [{"id": pid, "brand_id": f"{prefix}b", "category_id": f"{prefix}c",
                      "price": 10.0, "currency": "EUR", "titles": {"en": f"Thing {pid}"}}
                     for pid in pids],
        "shipping": [{"product_id": pid, "country": "DE", "days": 2, "cost": 1.0} for pid in pids],
        "shoppers": [{"id": f"{prefix}s{n}", "country": "DE", "language": "en", "currency": "EUR"}
                     for n in range(shoppers)],
        "interactions": [
            {"shopper_id": f"{prefix}s{n}", "product_id": pids[(n + j + offset) % products], "kind": "view",
             "at": (start + timedelta(days=n + 3 * j)).isoformat()}
            for n in range(shoppers) for j in range(2)] if interactions and products else [],
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in files.items():
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))


def load_tiny_shop(driver: Driver, settings: Settings, folder: Path, prefix: str, products: int,
                   shoppers: int, interactions: bool = True) -> None:
    write_tiny_shop(folder, prefix, products, shoppers, interactions)
    report = load_catalog(driver, settings, folder, folder / "q.jsonl", progress=False)
    assert report.quarantined == 0, report


def one_hot(settings: Settings, i: int) -> list[float]:
    vector = [0.0] * settings.embedding_dim
    vector[i] = 1.0
    return vector


def serve(driver: Driver, settings: Settings, version: str, shop: str,
          vectors: dict[str, list[float]]) -> None:
    """Record ``version`` of ``shop``, stage ``vectors`` (node id -> vector), activate it."""
    record_version(driver, settings, version, status="staged", metrics={"recall@20": 0.5},
                   snapshot={}, dim=settings.embedding_dim, shop=shop)
    for label, marker in (("Shopper", "s"), ("Product", "p")):
        ids = IdMap()
        rows = []
        for node_id, vector in vectors.items():
            if node_id.rsplit("-", 1)[1].startswith(marker):  # <prefix>s<n> or <prefix>p<n>
                ids.add(node_id)
                rows.append(vector)
        if rows:
            stage_embeddings(driver, settings, version, label, ids, torch.tensor(rows),
                             progress=False)
    activate(driver, settings, version)
