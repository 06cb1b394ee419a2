"""Checkpoints load as weights only, and only from the models folder.

A planted pickle whose unpickling would create a marker folder is put inside and outside the
models folder; loading either must fail cleanly with the marker never created. Names the graph
could hold are resolved against the models folder, and every way out of it is refused.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import torch

from borderless.errors import ModelError
from gnn.checkpoint import load_checkpoint, save_checkpoint
from gnn.checkpoints import forget_shopper, resolve_checkpoint
from gnn.data import IdMap
from gnn.model import GraphRecommender
from gnn.warm_start import save_version, warm_start


class _Payload:
    """Unpickling this calls ``os.makedirs(marker)``: harmless, visible, and code all the same."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.makedirs, (str(self.marker),)


def _plant(path: Path, marker: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"model": {}, "ids": {"user": []}, "hook": _Payload(marker)}, path)
    return path


@pytest.mark.parametrize("where", ["inside", "outside"])
def test_a_planted_pickle_runs_nothing(tmp_path, where):
    marker = tmp_path / "payload-ran"
    folder = tmp_path / ("models" if where == "inside" else "elsewhere")
    evil = _plant(folder / "v-evil.pt", marker)
    with pytest.raises(ModelError, match="weights only"):
        load_checkpoint(evil)
    model = GraphRecommender(2, 2, dim=4, layers=1)
    with pytest.raises(ModelError):
        warm_start(model, evil, IdMap(["u1", "u2"]), IdMap(["i1", "i2"]), None)
    assert not marker.exists(), "unpickling ran the planted code"


def test_only_a_checkpoint_directly_in_the_models_folder_resolves(tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    good = models / "v-1.pt"
    save_checkpoint(good, {"model": {}, "ids": {}})
    outside = _plant(tmp_path / "v-out.pt", tmp_path / "marker")
    (models / "link.pt").symlink_to(outside)
    (models / "sub").mkdir()
    save_checkpoint(models / "sub" / "v-2.pt", {"model": {}})
    (models / "v-1.txt").write_text("not a checkpoint")

    assert resolve_checkpoint("v-1.pt", models) == good.resolve()
    assert resolve_checkpoint(str(good), models) == good.resolve()  # paths older runs stored
    for stored in (str(outside), "../v-out.pt", "link.pt", "sub/v-2.pt", "v-1.txt",
                   "missing.pt", str(models), "/etc/passwd", ""):
        with pytest.raises(ModelError):
            resolve_checkpoint(stored, models)


def test_a_version_checkpoint_round_trips_as_weights_and_forgets_one_shopper(tmp_path):
    model = GraphRecommender(3, 2, dim=4, layers=1)
    path = tmp_path / "models" / "v-1.pt"
    save_version(path, model, IdMap(["s-1", "s-10", "s-2"]), IdMap(["p-1", "p-2"]), None)
    assert forget_shopper(path, "s-3") is False
    assert forget_shopper(path, "s-1") is True
    state = load_checkpoint(path)
    assert state is not None
    assert state["ids"]["user"] == ["s-10", "s-2"]
    assert torch.equal(state["model"]["user.weight"], model.user.weight.detach()[1:])
    fresh = GraphRecommender(2, 2, dim=4, layers=1)
    assert warm_start(fresh, path, IdMap(["s-2", "s-1"]), IdMap(["p-1", "p-2"]), None) == 3
