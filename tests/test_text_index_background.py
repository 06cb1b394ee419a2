"""``make run`` serves before the text index is built, and says so while it is.

The Makefile's ``run`` target serves with ``--text-index`` (a background build) instead of
running ``load text-index`` first; ``/readyz`` reports the build (``building N/M``, then
``incomplete N/M`` once no build runs, ``ready`` when every product has its vector); ``search``
answers with what it has and its notice says that products still lack text vectors. Products
"not reached yet" are made by removing the vectors of a few of the test shop's products.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from api_support import api_settings, api_shop, client  # noqa: F401 - fixtures
from graph_support import run_with_session

from api.nlq.lexicon_store import forget_lexicons
from api.nlq.search import search_products
from api.text_index_job import job_running, pid_file, start_job, stop_job, text_index_state
from graph.driver import run_auto, write
from loaders.catalog import load_catalog
from loaders.text_index import build_text_index
from statements import cypher_file

REPO = Path(__file__).resolve().parents[1]
SHOP = Path(__file__).parent / "data" / "nlq_shop"
PREFIX = "nlqh-"
PENS = ["nlqh-p16", "nlqh-p17"]  # two of the shop's Scriptora fountain pens
# Stands in for a build: its command line holds the job's marker word, and it outlives the test.
FAKE_BUILD = [sys.executable, "-c", "import time; time.sleep(120)", "text-index"]


@pytest.fixture(scope="module")
def shop(driver, settings):
    report = load_catalog(driver, settings, SHOP, progress=False)
    assert report.quarantined == 0, report.to_json()
    build_text_index(driver, settings, prefix=PREFIX, progress=False)
    forget_lexicons()
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)
    write(driver, cypher_file("text_test_cleanup"), settings.neo4j_database, countries=["XH"],
          currencies=["XHC"])
    forget_lexicons()


def forget_vectors(driver, settings, ids: list[str]) -> None:
    write(driver, cypher_file("text_forget_embeddings"), settings.neo4j_database, ids=ids)


def search(settings, query: str, first: int):
    return run_with_session(settings, lambda g: search_products(
        g, settings, query=query, first=first, lang=None, ship_to=None, currency=None,
        shopper_id=None))


def test_make_run_serves_before_the_text_index_and_builds_it_in_the_background() -> None:
    lines = subprocess.run(["make", "-n", "run", "BL=BL"], cwd=REPO, capture_output=True,
                           text=True, check=True).stdout.splitlines()
    serve = [i for i, line in enumerate(lines) if line.startswith("BL serve")]
    assert serve, lines
    assert "--text-index" in lines[serve[-1]].split()
    # Every data step before serving, and none of them embeds texts.
    before = "\n".join(lines[:serve[-1]])
    for step in ("load taxonomy", "load demo", "refresh"):
        assert f"BL {step}" in before, step
    assert "text-index" not in "\n".join(line for line in lines[:serve[-1]] if "BL " in line)


def test_search_answers_and_says_so_while_products_lack_text_vectors(shop, driver, settings):
    forget_vectors(driver, settings, PENS)
    outcome = search(settings, "Scriptora fountain pen", first=3)
    # Found by their words and brand, though they have no vector yet.
    assert set(PENS) <= set(outcome.product_ids), outcome
    assert outcome.notice and "text index is still being built" in outcome.notice
    assert re.search(r"\b2 of the \d+ products", outcome.notice), outcome.notice
    build_text_index(driver, settings, prefix=PREFIX, progress=False)
    done = search(settings, "Scriptora fountain pen", first=2)
    assert done.complete and done.notice is None, done


def _text_index(client) -> str:
    return client.get("/readyz").json()["textIndex"]


def test_readyz_reports_the_builds_progress(shop, client, driver, settings):
    forget_vectors(driver, settings, PENS[:1])
    job = start_job(settings, FAKE_BUILD)
    assert job is not None
    try:
        assert job_running(settings)
        assert start_job(settings, FAKE_BUILD) is None  # one build at a time
        building = _text_index(client)
        assert re.fullmatch(r"building \d+/\d+", building), building
    finally:
        stop_job(job)
        pid_file(settings).unlink(missing_ok=True)
    assert not job_running(settings)
    stopped = _text_index(client)
    assert re.fullmatch(r"incomplete \d+/\d+", stopped), stopped
    embedded, products = map(int, stopped.split()[1].split("/"))
    build_text_index(driver, settings, prefix=PREFIX, progress=False)
    # The product whose vector was missing has one again (other shops may lack theirs).
    assert _text_index(client) in ("ready", f"incomplete {embedded + 1}/{products}")


def test_a_dead_builds_pid_file_is_not_a_running_build(settings, tmp_path):
    job = subprocess.Popen([sys.executable, "-c", "pass", "text-index"])
    job.wait()
    pid_file(settings).write_text(str(job.pid), encoding="utf-8")
    try:
        assert not job_running(settings)
    finally:
        pid_file(settings).unlink(missing_ok=True)


@pytest.mark.parametrize("embedded, products, running, said", [
    (5000, 5000, False, "ready"), (5000, 5000, True, "ready"), (0, 0, False, "ready"),
    (1200, 5000, True, "building 1200/5000"), (1200, 5000, False, "incomplete 1200/5000"),
])
def test_the_text_index_state_reads_as_documented(embedded, products, running, said):
    assert text_index_state(embedded, products, running) == said


def test_the_build_ends_when_the_server_dies_by_a_signal(tmp_path):
    # uvicorn re-raises the SIGTERM it handled, so serve dies by it: no finally stops the build.
    parent = (
        "import os, signal, sys\n"
        "from borderless.settings import get_settings\n"
        "from api.text_index_job import start_job\n"
        f"job = start_job(get_settings(), {FAKE_BUILD!r})\n"
        "print(job.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGTERM)\n")
    done = subprocess.run([sys.executable, "-c", parent], check=False, cwd=REPO,
                          capture_output=True, text=True,
                          env={**os.environ, "BORDERLESS_STATE_DIR": str(tmp_path)}, timeout=60)
    child = int(done.stdout.split()[0])
    stat = Path(f"/proc/{child}/stat")
    for _ in range(100):  # the kernel signals it at once; it needs a moment to exit
        if not stat.exists() or stat.read_text().rpartition(")")[2].split()[0] in "ZX":
            break
        time.sleep(0.1)
    else:
        os.kill(child, 9)
        pytest.fail("the background build outlived the server")
