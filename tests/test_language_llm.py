"""Language-model backends: one contract suite, run against a fake OpenAI-compatible server on
loopback and against the real embedded local model (``-m model``; it runs in CI).

The fake is a small typed HTTP server that checks the bearer key and the request shape the way
an OpenAI-compatible endpoint does, and answers scripted replies.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from api.nlq.intent import Intent
from api.nlq.lexicon import build_lexicon
from api.nlq.understand import EXAMPLES, MAX_TOKENS, SYSTEM, understand
from borderless.errors import ModelError
from language.llm import OpenAICompatible, language_model

KEY = "sk-test-not-a-real-key-4711"
QUERY = "rote Nike Laufschuhe unter 80 €"


@dataclass
class FakeOpenAI:
    """An OpenAI-compatible ``/v1/chat/completions`` on 127.0.0.1 with scripted replies."""

    reply: str
    api_key: str = KEY
    status: int = 200
    requests: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(body)
                if self.path != "/v1/chat/completions":
                    return self._send(404, {"error": "not found"})
                if self.headers.get("Authorization") != f"Bearer {fake.api_key}":
                    return self._send(401, {"error": {"message": "invalid api key"}})
                messages = body.get("messages")
                if not isinstance(messages, list) or not all(
                        m.get("role") in ("system", "user", "assistant") and isinstance(m.get("content"), str)
                        for m in messages):
                    return self._send(400, {"error": {"message": "bad messages"}})
                if fake.status != 200:
                    return self._send(fake.status, {"error": {"message": "overloaded"}})
                self._send(200, {"id": "fake-1", "object": "chat.completion", "model": body["model"],
                                 "choices": [{"index": 0, "finish_reason": "stop",
                                              "message": {"role": "assistant", "content": fake.reply}}]})

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake():
    server = FakeOpenAI('{"categories": ["running shoes"], "brands": ["Nike"], "colour": "red", '
                        '"price_max": 80, "currency": "EUR"}')
    yield server
    server.close()


@pytest.fixture(scope="module")
def lexicon():
    return build_lexicon([{"id": "b-nike", "name": "Nike", "aliases": []}],
                         [{"id": "c-shoes", "name": "Shoes", "names": [["en", "Shoes"], ["de", "Schuhe"]]}],
                         [{"code": "DE", "name": "Germany"}], [{"code": "EUR", "rate": 1.0}],
                         {"colour": ["red"]})


def _local(settings):
    return language_model(settings.model_copy(update={"nlq_backend": "local"}))


@pytest.fixture(params=["openai-fake", pytest.param("local", marks=pytest.mark.model)])
def backend(request, settings):
    if request.param == "local":
        yield _local(settings)
        return
    server = FakeOpenAI('{"brands": ["Nike"], "colour": "red", "price_max": 80, "currency": "EUR"}')
    yield OpenAICompatible(server.base_url, KEY, "fake-model")
    server.close()


class Recorded:
    """Replays one recorded reply, so the contract's two halves cost one generation."""

    def __init__(self, name: str, reply: str) -> None:
        self.name, self.reply = name, reply

    def complete(self, *args: object, **kwargs: object) -> str:
        return self.reply


def test_contract_reply_becomes_a_valid_grounded_intent(backend, lexicon, settings):
    reply = backend.complete(SYSTEM, QUERY, max_tokens=MAX_TOKENS, timeout_s=120, examples=EXAMPLES)
    assert isinstance(reply, str) and reply.strip()
    understood = asyncio.run(understand(QUERY, "de", lexicon, settings, Recorded(backend.name, reply)))
    assert isinstance(understood.intent, Intent)
    assert understood.backend in (backend.name, "rules")
    # Whatever the model said, the rules fill what it missed: the brand and price are there.
    assert understood.intent.price_max == 80
    assert any(m.value == "b-nike" for b in understood.intent.brands for m in lexicon.lookup(b, "brand"))


def test_openai_request_shape_and_key(fake):
    model = OpenAICompatible(fake.base_url, KEY, "fake-model")
    assert "Nike" in model.complete(SYSTEM, QUERY, max_tokens=40, timeout_s=5, examples=EXAMPLES)
    body = fake.requests[-1]
    assert body["model"] == "fake-model" and body["max_tokens"] == 40 and body["temperature"] == 0
    assert [m["role"] for m in body["messages"]] == ["system", "user", "assistant", "user"]


def test_openai_errors_never_show_the_key(fake, caplog, lexicon, settings):
    caplog.set_level(logging.DEBUG)
    wrong_key = OpenAICompatible(fake.base_url, "sk-wrong", "m")
    with pytest.raises(ModelError, match="401") as e:
        wrong_key.complete(SYSTEM, QUERY, max_tokens=10, timeout_s=5)
    assert "sk-wrong" not in str(e.value)
    fake.status = 503
    model = OpenAICompatible(fake.base_url, KEY, "m")
    with pytest.raises(ModelError, match="503") as e:
        model.complete(SYSTEM, QUERY, max_tokens=10, timeout_s=5)
    # The rules are sure of this query: only ``always`` asks the model for it.
    always = settings.model_copy(update={"nlq_model_when": "always"})
    understood = asyncio.run(understand(QUERY, "de", lexicon, always, model))
    assert understood.backend == "rules" and "503" in understood.fallback_reason
    unreachable = OpenAICompatible("http://127.0.0.1:9/v1", KEY, "m")
    with pytest.raises(ModelError, match="unreachable") as e:
        unreachable.complete(SYSTEM, QUERY, max_tokens=10, timeout_s=2)
    assert KEY not in str(e.value) and KEY not in caplog.text


def test_openai_backend_needs_a_url(settings):
    from borderless.errors import ConfigError

    with pytest.raises(ConfigError, match="OPENAI_BASE_URL"):
        language_model(settings.model_copy(update={"nlq_backend": "openai", "openai_base_url": None}))
    assert language_model(settings.model_copy(update={"nlq_backend": "rules"})) is None
