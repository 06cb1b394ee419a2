"""`borderless load gowalla` on a tiny synthetic archive, read back through the graph reader."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import torch

from borderless.errors import LoadError
from gnn.gowalla import read_gowalla_zip
from gnn.graph_reader import read_gowalla_graph
from graph.driver import run_auto
from loaders.gowalla import load_gowalla
from statements import cypher_file

PREFIX = "gnntest-gw-"
TRAIN = "0 0 1 2\n1 2 3\n2 0 4\n"
TEST = "0 3\n1 4\n2 1 2\n"


def make_zip(path: Path, train: str = TRAIN, test: str = TEST) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("light_gcn_gowalla/train.txt", train)
        archive.writestr("light_gcn_gowalla/test.txt", test)
        archive.writestr("light_gcn_gowalla/user_list.txt",
                         "org_id remap_id\n" + "".join(f"{PREFIX}u{u} {u}\n" for u in range(3)))
        archive.writestr("light_gcn_gowalla/item_list.txt",
                         "org_id remap_id\n" + "".join(f"{PREFIX}i{i} {i}\n" for i in range(5)))
    return path


def _sorted_pairs(edges: torch.Tensor) -> list[tuple[int, int]]:
    return sorted(zip(edges[0].tolist(), edges[1].tolist(), strict=True))


@pytest.fixture
def clean(driver, settings):
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)


def test_load_then_read_back_matches_the_file(driver, settings, clean, tmp_path):
    archive = make_zip(tmp_path / "tiny.zip")
    report = load_gowalla(driver, settings, archive, progress=False)
    assert report.counts("visits_train").loaded == 7 and report.counts("visits_test").loaded == 4
    load_gowalla(driver, settings, archive, progress=False)  # a rerun adds no duplicates

    from_file = read_gowalla_zip(archive)
    from_graph = read_gowalla_graph(driver, settings, progress=False)
    assert (from_graph.num_users, from_graph.num_items) == (3, 5)
    assert _sorted_pairs(from_graph.train) == _sorted_pairs(from_file.train)
    assert _sorted_pairs(from_graph.test) == _sorted_pairs(from_file.test)


def test_reader_pages_through_small_batches(driver, settings, clean, tmp_path):
    load_gowalla(driver, settings, make_zip(tmp_path / "tiny.zip"), progress=False)
    small = settings.model_copy(update={"batch_size": 1})
    data = read_gowalla_graph(driver, small, progress=False)
    assert data.train.size(1) == 7 and data.test.size(1) == 4


def test_bad_line_names_file_and_line(tmp_path):
    archive = make_zip(tmp_path / "bad.zip", train="0 1 2\n1 x 3\n")
    with pytest.raises(LoadError, match=r"train\.txt:2"):
        read_gowalla_zip(archive)


def test_missing_split_is_a_clear_error(tmp_path):
    path = tmp_path / "empty.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("train.txt", TRAIN)
    with pytest.raises(LoadError, match=r"no test\.txt"):
        read_gowalla_zip(path)
