"""An incremental refresh: events recorded through the API after version N are what version N+1
learns (with a replay of older pairs), and its ``--json`` says so. On the planted-taste shop of
``tests/test_gnn_shop.py`` (ids ``gnntest-``) in the real Neo4j."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from test_gnn_shop import P, activated, gnn_settings, product, shop  # noqa: F401

from api.app import create_app
from api.auth import issue_token
from api.settings import ApiSettings
from gnn.refresh import refresh
from gnn.writeback import active_version

RECORD = """mutation($events: [EventInput!]!) {
  recordEvents(events: $events) { accepted userErrors { code } } }"""


def test_events_recorded_through_the_api_after_version_n_are_what_n_plus_1_learns(
    driver, settings, activated, gnn_settings,
):
    # Whatever came before this test is learned first, so the next run's news is ours alone.
    refresh(driver, settings, gnn_settings, progress=False)
    version_n = active_version(driver, settings, P)
    assert version_n is not None
    api = ApiSettings(jwt_secret=secrets.token_urlsafe(48), warm_models=False, rate_limit="",
                      rate_limit_events="")
    shopper = f"{P}s1"
    pairs = [product(2, j) for j in range(4)] + [product(3, 0)]
    events = [{"id": f"{P}inc-{uuid.uuid4().hex}", "kind": kind, "productId": p}
              for p in pairs for kind in ("view", "cart")]  # two events per pair: one pair each
    with TestClient(create_app(settings, api)) as client:
        answer = client.post("/graphql", json={"query": RECORD, "variables": {"events": events}},
                             headers={"Authorization": f"Bearer {issue_token(api, shopper)}"})
    assert answer.json()["data"]["recordEvents"] == {"accepted": len(events), "userErrors": []}
    sent_at_ms = datetime.now(UTC).timestamp() * 1000

    outcome = refresh(driver, settings, gnn_settings, progress=False)
    assert outcome.status == "activated", outcome
    learned = outcome.to_json()["incremental"]
    assert learned["since_version"] == version_n["id"]
    assert learned["since_ms"] == version_n["trained_until_ms"]
    assert learned["new_pairs"] == len(pairs)
    assert learned["replay_pairs"] == len(pairs)  # replay_ratio 1: as many older pairs
    # Every new pair is held out to judge the candidate, so the candidate is version N as it is;
    # the final fit learns the new pairs it does not validate on, and the replay, not the shop.
    assert learned["candidate_learned_edges"] == 0
    assert len(pairs) < learned["final_learned_edges"] <= 2 * len(pairs)
    assert learned["final_learned_edges"] < outcome.snapshot["interactions"]
    version_n1 = active_version(driver, settings, P)
    assert version_n1 is not None and version_n1["id"] == outcome.version
    assert version_n1["trained_until_ms"] <= sent_at_ms
    assert version_n1["trained_until_ms"] > version_n["trained_until_ms"]


def test_a_run_from_scratch_learns_every_pair_and_says_it_is_not_incremental(
    driver, settings, activated, gnn_settings,
):
    assert activated.to_json()["incremental"] is None  # fine_tune=False: nothing to start from
