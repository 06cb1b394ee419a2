"""Client mistakes in the HTTP request itself: every one is a 4xx or a GraphQL error with a code.

Bodies that are not GraphQL requests (JSON that is not an object, not JSON, a wrong content type,
no query), variables of the wrong type, syntax errors and the token limit; then a property test
over arbitrary bodies and variables: never a 5xx, always a documented code. The last test runs
the app under uvicorn to check the connection survives a bad body (it used to be reset).
"""

from __future__ import annotations

import http.client
import json
import secrets
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from api_support import api_settings, api_shop, error_codes, gql  # noqa: F401
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from api import errors
from api.app import create_app
from api.settings import ApiSettings
from borderless.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"
# Every code a client may see: the constants of api/errors.py.
CODES = {v for k, v in vars(errors).items() if k.isupper() and isinstance(v, str)}
TYPED = """query Typed($id: ID!, $first: Int, $lang: Language, $ship: String) {
  product(id: $id, lang: $lang) { id }
  products(first: $first, filter: {shipsTo: $ship}) { nodes { id } } }"""


@pytest.fixture(scope="module")
def lenient(api_shop, settings: Settings) -> Iterator[TestClient]:
    """The app without rate limits: the property test sends hundreds of requests."""
    api = ApiSettings(jwt_secret=secrets.token_urlsafe(48), rate_limit="",
                      rate_limit_expensive="")
    with TestClient(create_app(settings, api), raise_server_exceptions=False) as client:
        yield client


def test_several_operations_need_an_operation_name_and_run_the_named_one(lenient):
    document = "query A { __typename } query B { __typename }"
    refused = lenient.post("/graphql", json={"query": document})
    assert refused.status_code == 400 and _codes(refused) == ["BAD_REQUEST"]
    assert "operationName" in refused.json()["errors"][0]["message"]
    named = lenient.post("/graphql", json={"query": document, "operationName": "B"})
    assert named.status_code == 200 and named.json()["data"] == {"__typename": "Query"}


def _codes(response) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in response.json().get("errors") or []]


@pytest.mark.parametrize(("body", "content_type"), [
    (b"42", "application/json"), (b"null", "application/json"), (b'"query"', "application/json"),
    (b"true", "application/json"), (b"[]", "application/json"), (b"[1, 2]", "application/json"),
    (b"{not json", "application/json"), (b"\xff\xfe{}", "application/json"),
    (b"[" * 100_000, "application/json"), (b"query=x", "text/plain"),
    (b"{}", "application/json"), (b'{"query": 5}', "application/json"),
    (b'{"query": "{ __typename }", "variables": [1]}', "application/json"),
    (b'{"query": "{ __typename }", "operationName": {"a": 1}}', "application/json"),
    (b'{"query": "{ __typename }", "operationName": "Nope"}', "application/json"),
    (b'{"query": "mutation { __typename }"}', None),
    (b'{"query": "query A { __typename } query B { __typename }"}', "application/json"),
])
def test_a_body_that_is_no_graphql_request_is_a_400_with_a_code(lenient, body, content_type):
    headers = {"content-type": content_type} if content_type else {}
    if content_type is None:  # a mutation over GET
        response = lenient.get("/graphql", params={"query": "mutation { __typename }"},
                               headers={"accept": "application/json"})
    else:
        response = lenient.post("/graphql", content=body, headers=headers)
    assert 400 <= response.status_code < 500, response.text
    assert _codes(response) == ["BAD_REQUEST"], response.text


def test_a_variable_of_the_wrong_type_is_an_invalid_argument(lenient):
    query = "query Q($n: Int) { products(first: $n) { nodes { id } } }"
    for wrong in ("abc", 1.5, [3], {"n": 1}, True):
        body = gql(lenient, query, {"n": wrong})
        assert error_codes(body) == ["INVALID_ARGUMENT"], (wrong, body)
        assert "$n" in body["errors"][0]["message"]
    missing = gql(lenient, "query Q($id: ID!) { product(id: $id) { id } }", {})
    assert error_codes(missing) == ["INVALID_ARGUMENT"]


def test_syntax_errors_and_the_token_limit_carry_codes(lenient):
    assert error_codes(gql(lenient, "{ product(")) == ["GRAPHQL_PARSE_FAILED"]
    assert error_codes(gql(lenient, "query { products { nodes { id } }")) == \
        ["GRAPHQL_PARSE_FAILED"]
    many = "{ " + " ".join(f"a{i}: __typename" for i in range(1_500)) + " }"
    too_many = gql(lenient, many)
    assert error_codes(too_many) == ["QUERY_TOO_COMPLEX"]
    assert "tokens" in too_many["errors"][0]["message"]


def test_every_code_is_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    assert [c for c in sorted(CODES) if f"`{c}`" not in readme] == []


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)
_BODY = st.one_of(
    _JSON,
    st.fixed_dictionaries({}, optional={
        "query": st.one_of(_JSON, st.sampled_from([TYPED, "{ __typename }", "{ product(", ""])),
        "variables": _JSON, "operationName": _JSON, "extensions": _JSON}),
)
_VARIABLES = st.fixed_dictionaries({}, optional={
    "id": _JSON, "first": _JSON, "lang": st.one_of(_JSON, st.sampled_from(["DE", "EN", "xx"])),
    "ship": _JSON})


@hsettings(max_examples=150, deadline=None,
           suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(body=_BODY)
def test_no_body_gets_a_5xx_and_every_error_has_a_documented_code(lenient, body):
    response = lenient.post("/graphql", content=json.dumps(body),
                            headers={"content-type": "application/json"})
    assert response.status_code < 500, response.text
    codes = _codes(response)
    assert None not in codes and set(codes) <= CODES, response.text
    if response.status_code >= 400:
        assert codes, response.text


@hsettings(max_examples=150, deadline=None,
           suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(variables=_VARIABLES)
def test_no_variables_get_internal_or_a_5xx(lenient, variables):
    response = lenient.post("/graphql", json={"query": TYPED, "variables": variables})
    assert response.status_code < 500, response.text
    codes = _codes(response)
    assert set(codes) <= CODES - {"INTERNAL"}, response.text


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(api_shop, settings: Settings) -> Iterator[int]:
    """The app under a real uvicorn on a loopback port (keep-alive, chunked bodies)."""
    api = ApiSettings(jwt_secret=secrets.token_urlsafe(48), max_body_bytes=4_096)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, api), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def test_a_bad_body_keeps_the_connection_alive(served):
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
    try:
        for body in (b"42", b"null", b'"x"'):
            connection.request("POST", "/graphql", body=body,
                               headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            assert response.status == 400
            assert json.loads(response.read())["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
        # The same connection still serves a good request.
        connection.request("POST", "/graphql", body=b'{"query": "{ __typename }"}',
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        assert response.status == 200
        assert json.loads(response.read())["data"] == {"__typename": "Query"}
    finally:
        connection.close()


def test_a_body_over_the_limit_is_refused_before_it_is_parsed(api_shop, settings):
    api = ApiSettings(jwt_secret=secrets.token_urlsafe(48), max_body_bytes=4_096)
    with TestClient(create_app(settings, api)) as client:
        small = {"query": "query Q($pad: String) { __typename }", "variables": {"pad": "x" * 3_000}}
        assert client.post("/graphql", json=small).status_code == 200
        big = {**small, "variables": {"pad": "x" * 5_000}}
        response = client.post("/graphql", json=big)
        assert response.status_code == 413
        assert _codes(response) == ["PAYLOAD_TOO_LARGE"]
        assert "4096 bytes" in response.json()["errors"][0]["message"]


def test_a_declared_length_over_the_limit_is_answered_without_reading_the_body(served):
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
    try:
        connection.putrequest("POST", "/graphql")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(20 * 1024 * 1024))
        connection.endheaders()  # not one byte of the 20 MB follows
        response = connection.getresponse()
        assert response.status == 413
        assert json.loads(response.read())["errors"][0]["extensions"]["code"] == \
            "PAYLOAD_TOO_LARGE"
    finally:
        connection.close()


def test_a_chunked_body_is_refused_once_it_passes_the_limit(served):
    # A raw socket: the server answers 413 and closes while a naive client is still sending,
    # so between chunks we look for the answer and stop sending once it is there.
    chunks = [b'{"query": "{ __typename }", "variables": {"pad": "'] + [b"x" * 1_024] * 64 \
        + [b'"}}']
    with socket.create_connection(("127.0.0.1", served), timeout=10) as sock:
        sock.sendall(b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        try:
            for chunk in chunks:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                if select.select([sock], [], [], 0.05)[0]:
                    break  # the server has answered
            else:
                sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server closed its side after answering; the answer is still readable
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            try:
                data = sock.recv(65_536)
            except ConnectionResetError:
                break
            if not data:
                break
            answer += data
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"413", head
    assert json.loads(body[body.index(b"{"):body.rindex(b"}") + 1])["errors"][0]["extensions"][
        "code"] == "PAYLOAD_TOO_LARGE"
    health = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
    try:
        health.request("GET", "/healthz")
        assert health.getresponse().status == 200
    finally:
        health.close()
