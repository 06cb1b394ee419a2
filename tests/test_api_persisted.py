"""Automatic persisted queries (Apollo's protocol, POST and GET) and cache headers: anonymous
catalog reads are cacheable with an ETag (304 on a match); shopper-specific answers never are."""

from __future__ import annotations

import hashlib
import json

from api_support import (  # noqa: F401
    api_settings, api_shop, client, data, gql, manager, shopper,
)

PAGE = '{ product(id: "apit-p-01") { id title price { decimal currency } } }'
DIGEST = hashlib.sha256(PAGE.encode()).hexdigest()
APQ = {"persistedQuery": {"version": 1, "sha256Hash": DIGEST}}


def test_a_persisted_query_runs_by_its_hash_once_registered(client):
    other = hashlib.sha256(b"{ brands { totalCount } }").hexdigest()
    unknown = client.post("/graphql", json={"extensions": {"persistedQuery": {
        "version": 1, "sha256Hash": other}}})
    assert unknown.status_code == 200
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    registered = client.post("/graphql", json={"query": PAGE, "extensions": APQ})
    assert data(registered.json())["product"]["id"] == "apit-p-01"
    by_hash = client.post("/graphql", json={"extensions": APQ})
    assert by_hash.json()["data"] == registered.json()["data"]
    # GET: the short URL a CDN can cache.
    got = client.get("/graphql", params={"extensions": json.dumps(APQ)},
                     headers={"Accept": "application/json"})
    assert got.status_code == 200 and got.json()["data"] == registered.json()["data"]
    # curl's and fetch's default Accept (*/*) too: it used to get the GraphiQL page.
    default = client.get("/graphql", params={"extensions": json.dumps(APQ)},
                         headers={"Accept": "*/*"})
    assert default.headers["content-type"].startswith("application/json")
    assert default.json()["data"] == registered.json()["data"]


def test_a_document_must_match_its_hash(client):
    wrong = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    body = client.post("/graphql", json={"query": PAGE, "extensions": wrong})
    assert body.status_code == 400
    assert body.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    bad = client.post("/graphql", json={"extensions": {"persistedQuery": {"sha256Hash": "x"}}})
    assert bad.status_code == 400


def test_anonymous_catalog_reads_are_cacheable_with_an_etag(client):
    first = client.post("/graphql", json={"query": PAGE})
    assert first.status_code == 200
    assert first.headers["cache-control"].startswith("public, max-age=")
    tag = first.headers["etag"]
    again = client.post("/graphql", json={"query": PAGE}, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    changed = client.post("/graphql", json={"query": PAGE.replace("price {", "price(currency: \"XTS\") {")},
                          headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag


def test_shopper_specific_and_failed_answers_are_never_cached(client, api_settings):
    me = shopper(api_settings, "apit-s-1")
    signed_in = client.post("/graphql", json={"query": PAGE}, headers=me)
    assert signed_in.headers["cache-control"] == "private, no-store"
    assert "etag" not in signed_in.headers
    staff = client.post("/graphql", json={"query": PAGE}, headers=manager())
    assert staff.headers["cache-control"] == "private, no-store"
    history = client.post("/graphql", json={"query": '{ user(id: "apit-s-1") { id } }'},
                          headers=me)
    assert history.headers["cache-control"] == "private, no-store"
    mixed = client.post("/graphql", json={"query": PAGE[:-1] + ' user(id: "apit-s-1") { id } }'})
    assert mixed.headers["cache-control"] == "private, no-store"  # refused, and private anyway
    failed = client.post("/graphql", json={"query": '{ product(id: "bad id!") { id } }'})
    assert failed.headers["cache-control"] == "private, no-store"


def test_a_document_is_read_once_for_its_cache_headers_not_once_per_answer(client, monkeypatch):
    import api.persisted

    parsed: list[str] = []
    real_parse = api.persisted.parse

    def counting_parse(source: str, *args: object, **kwargs: object) -> object:
        parsed.append(source)
        return real_parse(source, *args, **kwargs)

    monkeypatch.setattr(api.persisted, "parse", counting_parse)
    page = PAGE.replace("{ id title", "{ id title\n# read once\n")  # a text no test sent before
    tags = set()
    for _ in range(5):
        answer = client.post("/graphql", json={"query": page})
        assert answer.headers["cache-control"].startswith("public, max-age=")
        tags.add(answer.headers["etag"])
    assert len(tags) == 1  # the same answer keeps its tag
    # Each request parsed it once to run it (Strawberry's own cache aside); the cache
    # headers used to parse it once more for every answer.
    assert parsed.count(page) <= 1


def test_whether_an_answer_is_public_depends_on_the_operation_chosen_in_the_document():
    from strawberry.http import GraphQLRequestData

    from api.persisted import public_read

    document = ('query Page { product(id: "apit-p-01") { id } } '
                'query Similar { similarProducts(id: "apit-p-01") { items { product { id } } } }')

    def request(name: object) -> GraphQLRequestData:
        return GraphQLRequestData(query=document, variables=None, operation_name=name,  # type: ignore[arg-type]
                                  extensions=None)

    for _ in range(2):  # the second round answers from what the first remembered
        assert public_read(request("Page")) is True
        assert public_read(request("Similar")) is False
        assert public_read(request(["Page"])) is False  # not a name: never cached
    assert public_read(GraphQLRequestData(query="{ product(id: ", variables=None,
                                          operation_name=None, extensions=None)) is False


def test_the_etag_is_taken_from_the_encoded_answer_without_decoding_it(client, monkeypatch):
    # Each answer's body used to be decoded and its data encoded again for the tag (about 4% of
    # an uncached page's CPU); the tag now hashes the data's bytes as they stand in the body.
    decoded: list[str] = []
    real_loads = json.loads

    def counting_loads(text: str | bytes, *args: object, **kwargs: object) -> object:
        head = text[:8] if isinstance(text, str) else text[:8].decode("latin-1")
        if head == '{"data":':
            decoded.append(head)
        return real_loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counting_loads)
    answer = client.post("/graphql", json={"query": PAGE})
    body = answer.content
    monkeypatch.undo()
    assert decoded == []
    data = body[len(b'{"data":'):body.rindex(b',"extensions":')]
    assert json.loads(data) == json.loads(body)["data"]
    assert answer.headers["etag"] == '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
