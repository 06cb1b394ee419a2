"""Which files erasing a shopper rewrites, removes or leaves alone (no database needed)."""

from __future__ import annotations

import json

import torch

from api.erasure import erase_shopper_files
from borderless.settings import Settings
from gnn.checkpoint import load_checkpoint
from gnn.data import IdMap
from gnn.model import GraphRecommender
from gnn.warm_start import save_version

GONE, NEIGHBOUR = "shop-s-1", "shop-s-10"


def test_every_kind_of_file_loses_the_shopper_and_nothing_else(tmp_path):
    settings = Settings(state_dir=tmp_path / "state")
    state, models = settings.state_dir, settings.state_dir / "models"
    quarantine = state / "quarantine" / "catalog.jsonl"
    quarantine.parent.mkdir(parents=True)
    quarantine.write_text(
        json.dumps({"line": 3, "row": {"shopper_id": GONE, "product_id": "p"}}) + "\n"
        + json.dumps({"line": 4, "row": {"shopper_id": NEIGHBOUR, "product_id": "p"}}) + "\n")
    csv = state / "demo" / "interactions.csv"
    csv.parent.mkdir(parents=True)
    csv.write_text(f"shopper_id,product_id\n{GONE},p-1\n{NEIGHBOUR},p-1\n")
    log = state / "bench-server.log"
    log.write_text(f"served {NEIGHBOUR}\nerased {GONE} on request\n")
    note = state / "notes.md"
    note.write_text(f"ask {GONE} about sizes\n")
    version = models / "v-1.pt"
    save_version(version, GraphRecommender(2, 1, dim=4, layers=1), IdMap([GONE, NEIGHBOUR]),
                 IdMap(["p-1"]), None)
    unknown_torch = state / "bench" / "tensors.pt"
    unknown_torch.parent.mkdir(parents=True)
    torch.save({"who": [GONE]}, unknown_torch)
    untouched = {
        models / "weights.gguf": f"gguf {GONE}".encode(),        # a model we converted
        models / "qwen" / "vocab.txt": f"{GONE}\n".encode(),     # a downloaded model's folder
        settings.neo4j_home / "logs" / "query.log": f"{GONE}\n".encode(),  # Neo4j's own
        state / "other.txt": f"{NEIGHBOUR}\n".encode(),          # only a longer id
    }
    for path, content in untouched.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)

    erasure = erase_shopper_files(settings, models, GONE)

    assert sorted(erasure.removed) == sorted([str(note), str(unknown_torch)])
    assert sorted(erasure.rewritten) == sorted(map(str, (quarantine, csv, log, version)))
    assert [json.loads(line)["row"]["shopper_id"] for line in quarantine.read_text().splitlines()] \
        == [NEIGHBOUR]
    assert csv.read_text() == f"shopper_id,product_id\n{NEIGHBOUR},p-1\n"
    assert log.read_text() == f"served {NEIGHBOUR}\n"
    checkpoint = load_checkpoint(version)
    assert checkpoint is not None and checkpoint["ids"]["user"] == [NEIGHBOUR]
    for path, content in untouched.items():
        assert path.read_bytes() == content, path
    assert erase_shopper_files(settings, models, GONE).files == 0  # nothing left to do
