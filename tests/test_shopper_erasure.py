"""``deleteShopper`` erases the shopper from every file Borderless keeps, not just the graph;
and refresh loads a checkpoint only from the models folder, as weights only.

A few shoppers of our own (``apit-h4e-``) are added to the API tests' shop, one bad interaction
of the one to be erased goes to a quarantine file in the state folder, and a real refresh writes
a checkpoint holding their ids and rows. After ``deleteShopper`` every file of the state folder
(outside Neo4j's own database) is searched for the id's UTF-8 bytes, checkpoints included.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import torch
from api_support import data, gql, shopper
from neo4j import Driver

from borderless.settings import Settings
from gnn.checkpoint import load_checkpoint
from gnn.checkpoints import drop_deleted_shoppers, models_dir
from gnn.data import IdMap
from gnn.model import GraphRecommender
from gnn.refresh import RefreshOutcome, refresh
from gnn.settings import GnnSettings
from gnn.warm_start import save_version
from graph.driver import write
from loaders.catalog import load_catalog
from statements import cypher_file

# The API tests' fixtures (client, api_settings, the tiny shop) come from the helper module.
pytest_plugins = ["api_support"]

SET_CHECKPOINT = cypher_file("h4_set_checkpoint")
DELETE_VERSIONS = cypher_file("gnn_delete_model_versions")
DELETE = """mutation D($id: ID!) { deleteShopper(id: $id) {
  deletion { shopperId interactionsDeleted filesErased } userErrors { field code } } }"""


@dataclass
class TrainedShop:
    """Our shoppers, the quarantine file that names one of them, and the versions trained."""

    shoppers: list[str]
    quarantine: Path
    versions: list[str]
    gnn: GnnSettings


def _gnn() -> GnnSettings:
    return GnnSettings(epochs=3, final_epochs=1, batch_size=64, negatives=8, k=5, device="cpu",
                       id_prefix="apit-", holdout_fraction=0.2, threads=1)


def _refresh(driver: Driver, settings: Settings, shop: TrainedShop) -> RefreshOutcome:
    torch.set_num_threads(1)
    outcome = refresh(driver, settings, shop.gnn, fine_tune=True, force=True, progress=False)
    shop.versions.append(outcome.version)
    assert outcome.status == "activated", outcome
    return outcome


@pytest.fixture(scope="module")
def trained(api_shop, driver: Driver, settings: Settings, tmp_path_factory
            ) -> Iterator[TrainedShop]:
    run = secrets.token_hex(4)
    shoppers = [f"apit-h4e-{run}-{n}" for n in range(6)]
    folder = tmp_path_factory.mktemp("h4e-catalog")
    rows = {
        "shoppers": [{"id": s, "country": "XB", "language": "en", "currency": "EUR"}
                     for s in shoppers],
        "interactions": [{"shopper_id": s, "product_id": f"apit-p-{(n * 7 + j) % 60 + 1:02d}",
                          "kind": "view", "at": f"2026-11-{1 + j:02d}T10:00:00Z"}
                         for n, s in enumerate(shoppers) for j in range(8)]
        # A product that does not exist: quarantined, with the shopper's id, in the state folder.
        + [{"shopper_id": shoppers[0], "product_id": "apit-no-such-product", "kind": "view",
            "at": "2026-11-20T10:00:00Z"}],
    }
    for name, lines in rows.items():
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    quarantine = settings.state_dir / "quarantine" / f"h4e-{run}.jsonl"
    report = load_catalog(driver, settings, folder, quarantine=quarantine, progress=False)
    assert report.exit_code() == 1, report  # exactly the planted bad row
    shop = TrainedShop(shoppers, quarantine, [], _gnn())
    _refresh(driver, settings, shop)
    yield shop
    write(driver, DELETE_VERSIONS, settings.neo4j_database, ids=shop.versions)
    for version in shop.versions:
        for suffix in (".pt", ".png"):
            (models_dir(settings, shop.gnn) / f"{version}{suffix}").unlink(missing_ok=True)
    quarantine.unlink(missing_ok=True)


def _files_holding(settings: Settings, needle: str) -> list[Path]:
    """Every file under the state folder holding ``needle``'s bytes, but Neo4j's own store and
    the jars Maven fetched (the graph's erasure is ``DETACH DELETE``, checked separately)."""
    home = settings.neo4j_home
    skip = {home / "data", home / "lib", home / "plugins"}
    found = []
    for path in settings.state_dir.rglob("*"):
        if any(path.is_relative_to(s) for s in skip) or not path.is_file():
            continue
        if needle.encode("utf-8") in path.read_bytes():
            found.append(path)
    return found


def test_delete_shopper_leaves_no_trace_in_the_state_folder(client, api_settings, driver,
                                                            settings, trained):
    gone, kept = trained.shoppers[0], trained.shoppers[1]
    before = _files_holding(settings, gone)
    checkpoint = models_dir(settings, trained.gnn) / f"{trained.versions[-1]}.pt"
    assert checkpoint in before and trained.quarantine in before, before  # the test can fail

    body = data(gql(client, DELETE, {"id": gone}, headers=shopper(api_settings, gone)))
    assert body["deleteShopper"]["deletion"]["interactionsDeleted"] == 8
    assert body["deleteShopper"]["deletion"]["filesErased"] >= 2

    assert _files_holding(settings, gone) == []
    # What was not the shopper's stays: the checkpoint keeps the others' rows, readable.
    state = load_checkpoint(checkpoint)
    assert state is not None and kept in state["ids"]["user"] and gone not in state["ids"]["user"]
    assert state["model"]["user.weight"].size(0) == len(state["ids"]["user"])
    assert trained.quarantine.exists()

    # The next refresh fine-tunes from the rewritten checkpoint and brings nothing back.
    outcome = _refresh(driver, settings, trained)
    assert outcome.warm_started_rows > 0
    assert _files_holding(settings, gone) == []
    # A second request finds nothing left to erase.
    again = data(gql(client, DELETE, {"id": gone}, headers=shopper(api_settings, gone)))
    assert again["deleteShopper"] == {
        "deletion": None, "userErrors": [{"field": ["id"], "code": "NOT_FOUND"}]}


class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return os.makedirs, (str(self.marker),)


@pytest.mark.parametrize("where", ["outside", "inside"])
def test_refresh_never_unpickles_what_the_graph_points_at(driver, settings, trained, tmp_path,
                                                          where):
    marker = tmp_path / "payload-ran"
    folder = tmp_path if where == "outside" else models_dir(settings, trained.gnn)
    evil = folder / f"h4e-evil-{secrets.token_hex(4)}.pt"
    torch.save({"model": {}, "ids": {}, "hook": _Payload(marker)}, evil)
    try:
        write(driver, SET_CHECKPOINT, settings.neo4j_database, id=trained.versions[-1],
              checkpoint=str(evil))
        outcome = _refresh(driver, settings, trained)
        assert not marker.exists(), "refresh ran code planted in a checkpoint"
        assert outcome.warm_started_rows == 0
    finally:
        evil.unlink(missing_ok=True)


def test_a_checkpoint_saved_after_a_deletion_drops_the_deleted_shopper(driver, settings, trained,
                                                                         tmp_path):
    # A refresh that read its snapshot before deleteShopper saves its checkpoint after the
    # erasure ran; refresh then drops every shopper the graph no longer has.
    ghost, present = f"{trained.shoppers[2]}-deleted-meanwhile", trained.shoppers[2]
    path = tmp_path / "models" / "v-late.pt"
    model = GraphRecommender(2, 1, dim=4, layers=1)
    save_version(path, model, IdMap([ghost, present]), IdMap(["apit-p-01"]), None)
    assert drop_deleted_shoppers(driver, settings, path) == 1
    state = load_checkpoint(path)
    assert state is not None and state["ids"]["user"] == [present]
    assert torch.equal(state["model"]["user.weight"], model.user.weight.detach()[1:])
    assert ghost.encode() not in path.read_bytes()
    assert drop_deleted_shoppers(driver, settings, path) == 0
