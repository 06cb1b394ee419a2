"""The hit cache in front of the GraphQL endpoint (api/hit_cache.py), against the real Neo4j.

A repeated anonymous catalog read (POST, or a persisted query by GET) is answered from stored
bytes without running Strawberry's view at all; a write (here as a loader writes, from outside
the API) is read back at once; a request carrying a token or an API key never gets a stored
answer and never leaves one for anonymous callers; concurrent requests share one catalog-version
read, but never a read that started before they arrived.
"""

from __future__ import annotations

import asyncio
import re
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import (  # noqa: F401
    api_settings, api_shop, data, gql, manager, shopper,
)
from fastapi.testclient import TestClient

from api.app import GraphQLApp, create_app
from api.hit_cache import VersionGate
from graph.driver import write
from statements import cypher_file

PAGE = '{ product(id: "apit-p-04") { id title price { decimal currency } } }'
APQ = {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(PAGE.encode()).hexdigest()}}


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every request Strawberry's view ran (a spy on the endpoint, not on the database)."""
    seen: list[str] = []
    original = GraphQLApp.run

    async def counted(self: GraphQLApp, request, *args, **kwargs):
        seen.append(request.method)
        return await original(self, request, *args, **kwargs)

    monkeypatch.setattr(GraphQLApp, "run", counted)
    return seen


@pytest.fixture(scope="module")
def cached(api_shop: Path, settings, api_settings) -> Iterator[TestClient]:
    api = api_settings.model_copy(update={"catalog_cache_entries": 100})
    with TestClient(create_app(settings, api)) as client:
        yield client


def _post(client: TestClient, query: str = PAGE, headers: dict[str, str] | None = None):
    response = client.post("/graphql", json={"query": query}, headers=headers or {})
    assert response.status_code == 200, response.text
    return response


def test_a_hit_is_answered_in_front_of_strawberry_with_the_same_answer(cached, runs):
    first = _post(cached)
    second = _post(cached)
    assert runs == ["POST"]  # before: every hit ran the view (parsing, encoding, ETag)
    assert second.json()["data"] == first.json()["data"]
    assert second.json()["extensions"] == {"neo4jRoundTrips": 1}
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["cache-control"].startswith("public")
    assert second.headers["x-request-id"] != first.headers["x-request-id"]
    assert int(second.headers["content-length"]) == len(second.content)
    # The client's copy is current: 304 from the stored tag, no body.
    again = cached.post("/graphql", json={"query": PAGE},
                        headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert runs == ["POST"]


def test_a_persisted_get_is_a_hit_and_a_loader_write_is_read_back_at_once(cached, runs, driver,
                                                                         settings):
    _post(cached)  # fills the hit cache (POST) and registers nothing: APQ registers below
    assert cached.post("/graphql", json={"query": PAGE, "extensions": APQ}).status_code == 200
    params = {"extensions": json.dumps(APQ)}
    accept = {"Accept": "application/json"}
    title = cypher_file("api_test_set_title")
    db = settings.neo4j_database
    try:
        assert cached.get("/graphql", params=params, headers=accept).json()["data"]["product"][
            "title"] == "Test product 4"
        count = len(runs)
        assert cached.get("/graphql", params=params, headers=accept).status_code == 200
        assert len(runs) == count  # a hit
        write(driver, title, db, id="apit-p-04", title="Written by a loader")
        got = cached.get("/graphql", params=params, headers=accept)
        assert got.json()["data"]["product"]["title"] == "Written by a loader"
        assert _post(cached).json()["data"]["product"]["title"] == "Written by a loader"
    finally:
        write(driver, title, db, id="apit-p-04", title="Test product 4")
    assert _post(cached).json()["data"]["product"]["title"] == "Test product 4"


def test_a_token_or_key_never_gets_nor_fills_the_anonymous_cache(cached, runs, api_settings):
    page = '{ product(id: "apit-p-05") { id title } }'
    signed_in = shopper(api_settings, "apit-s-01")
    # A signed-in read first: it must leave nothing an anonymous caller would then be served.
    _post(cached, page, signed_in)
    _post(cached, page, manager())
    assert len(runs) == 2
    _post(cached, page)
    assert len(runs) == 3  # the anonymous read ran: nothing was left for it
    _post(cached, page)
    assert len(runs) == 3  # now kept, for anonymous callers only
    _post(cached, page, signed_in)
    _post(cached, page, manager())
    _post(cached, page, {"Authorization": ""})  # even an empty credential is someone's request
    assert len(runs) == 6


def test_personal_and_failed_reads_are_never_kept(cached, runs):
    for query in ['{ user(id: "apit-s-01") { id } }',  # refused anonymously, an error
                  '{ product(id: "apit-p-05") { id price(currency: "nope") { decimal } } }',
                  '{ __schema { queryType { name } } }']:
        _post(cached, query)
        _post(cached, query)
    assert len(runs) == 6


def test_a_version_read_that_started_before_a_caller_came_is_not_shared_with_it():
    async def scenario() -> tuple[int, int, int]:
        release = [asyncio.Event(), asyncio.Event(), asyncio.Event()]
        started: list[int] = []

        async def read() -> int:
            n = len(started)
            started.append(n)
            await release[n].wait()
            return n + 1  # read n sees version n + 1: a write committed between the two

        async def turns(n: int) -> None:
            for _ in range(n):
                await asyncio.sleep(0)

        gate = VersionGate(read)
        early = asyncio.create_task(gate.current())
        await turns(3)
        assert started == [0]  # the first read is under way
        # Two callers come while it runs: a write may have committed after it began.
        late = [asyncio.create_task(gate.current()) for _ in range(2)]
        await turns(3)
        assert started == [0]  # they wait for a read that starts after them
        release[0].set()
        first = await early
        await turns(3)
        assert started == [0, 1]  # one more read for both, not one each
        release[1].set()
        second, third = await asyncio.gather(*late)
        return first, second, third

    assert asyncio.run(scenario()) == (1, 2, 2)


def test_the_readme_names_exactly_the_fields_the_cache_keeps():
    # The README once listed `similarProducts` among the kept fields, which the code never kept.
    from api.cache import CATALOG_FIELDS
    from borderless.settings import REPO_ROOT

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("**The catalog cache.**")
    listed = readme[start:readme.index(")", start)]
    named = set(re.findall(r"`(\w+)`", listed))
    assert named == CATALOG_FIELDS - {"__typename"}


def test_a_hit_is_logged_with_its_request_id_like_any_answer(api_shop, settings, caplog):
    import logging

    from api.settings import ApiSettings

    api = ApiSettings(access_log=True, catalog_cache_entries=10, rate_limit="")
    with caplog.at_level(logging.INFO, logger="borderless.access"), TestClient(
            create_app(settings, api)) as client:
        for request_id in ("hit-1", "hit-2"):
            assert client.post("/graphql", headers={"X-Request-ID": request_id},
                               json={"query": PAGE}).headers["x-request-id"] == request_id
        hits = _served_from_cache(client)
    logged = [r.fields for r in caplog.records
              if r.name == "borderless.access" and r.fields["path"] == "/graphql"]
    assert [(f["request_id"], f["status"]) for f in logged] == [("hit-1", 200), ("hit-2", 200)]
    assert hits == 1


def _served_from_cache(client: TestClient) -> float:
    found = re.search(r'borderless_graphql_requests_total\{operation="anonymous",'
                      r'outcome="cached"\} (\S+)', client.get("/metrics").text)
    return float(found.group(1)) if found else 0.0


def test_an_app_started_twice_reads_the_version_through_its_new_driver(api_shop, settings,
                                                                       api_settings, runs):
    # The gate was bound to the first lifespan's driver, closed at its end: after a restart of
    # the same app every version read failed and no hit was ever served again.
    app = create_app(settings, api_settings.model_copy(update={"catalog_cache_entries": 10}))
    for executed in (1, 0):  # then the kept answer is still current: both are hits
        with TestClient(app) as client:
            count = len(runs)
            _post(client)
            _post(client)
            assert len(runs) == count + executed
