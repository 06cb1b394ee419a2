"""Two gloo processes under torchrun train the same model as one process (within tolerance)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict, replace

import pytest
import torch

from borderless.settings import REPO_ROOT
from gnn.train import TrainConfig, train_model
from test_gnn_model import planted

CONFIG = TrainConfig(dim=16, layers=2, batch_size=128, negatives=32, temperature=0.2, lr=0.02,
                     epochs=4, eval_every=100, k=10, device="cpu")


@pytest.mark.slow
def test_two_gloo_processes_match_one_process(tmp_path):
    data, _ = planted()
    tensors = tmp_path / "data.pt"
    torch.save({"num_users": data.num_users, "num_items": data.num_items, "train": data.train,
                "test": data.test}, tensors)
    out = tmp_path / "ddp.pt"
    config = {k: v for k, v in asdict(CONFIG).items() if k != "device"}
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO_ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
         "-m", "gnn.distributed", "--tensors", str(tensors), "--out", str(out),
         "--config", json.dumps(config)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=240, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    ddp = torch.load(out, weights_only=False)
    assert ddp["world_size"] == 2

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        single = train_model(data, CONFIG, progress=False).embeddings()
        other_seed = train_model(data, replace(CONFIG, seed=1), progress=False).embeddings()
    finally:
        torch.set_num_threads(threads)
    assert torch.allclose(ddp["users"], single[0], atol=1e-4)
    assert torch.allclose(ddp["items"], single[1], atol=1e-4)
    # The tolerance is meaningful: another seed gives a visibly different model.
    assert not torch.allclose(other_seed[0], single[0], atol=1e-2)
