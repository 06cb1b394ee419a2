"""A language model may phrase the assistant's answers, but never change a fact (fake endpoint).

The fake is an OpenAI-compatible HTTP server in a thread that answers whatever the test tells it
to: an honest rewording is sent; a lie about yes/no, a date, a country or who pays is refused and
the templated answer goes instead.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from api_support import api_settings, data, gql, shopper  # noqa: F401  (fixture)
from borderless.settings import Settings
from service_world import service_world  # noqa: F401  (fixture)

ASK = """mutation($m: String!, $c: ID) {
  assistant(message: $m, conversationId: $c) { text intent citations } }"""
KNIFE_NO = "No, Folding pocket knife (ta-p-2) cannot be sent to Bovia: blades may not be imported."


class FakeEndpoint(BaseHTTPRequestHandler):
    """Answers every chat completion with ``FakeEndpoint.says`` and remembers the prompt."""

    says = ""
    asked: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeEndpoint.asked.append(body)
        reply = json.dumps({"choices": [{"message": {"content": FakeEndpoint.says}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeEndpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def _client(settings: Settings, api: ApiSettings, url: str) -> TestClient:
    phrased = settings.model_copy(update={"nlq_backend": "openai", "openai_base_url": url,
                                          "assistant_phrasing": True, "nlq_timeout_s": 5.0})
    return TestClient(create_app(phrased, api))


@pytest.fixture(scope="module")
def client(service_world: None, settings: Settings, api_settings: ApiSettings,
           endpoint: str) -> Iterator[TestClient]:
    with _client(settings, api_settings, endpoint) as test_client:
        yield test_client


def ask(client: TestClient, message: str, model_says: str,
        who: dict[str, str] | None = None) -> str:
    FakeEndpoint.says = model_says
    FakeEndpoint.asked.clear()
    text = data(gql(client, ASK, {"m": message}, headers=who))["assistant"]["text"]
    assert FakeEndpoint.asked, "the model was not asked"
    return text


def test_an_honest_rewording_is_sent(client):
    honest = ("Sorry, no: Folding pocket knife (ta-p-2) cannot be sent to Bovia: "
              "blades may not be imported.")
    assert ask(client, "Can ta-p-2 be shipped to Bovia?", honest) == honest


def test_a_model_saying_yes_where_the_facts_say_no_is_refused(client):
    said = ask(client, "Can ta-p-2 be shipped to Bovia?",
               "Yes, you can ship Folding pocket knife (ta-p-2) to Bovia: blades may not be "
               "imported.")
    assert said == KNIFE_NO


@pytest.mark.parametrize("lie", [
    # another country (in the vocabulary, and one only the graph names)
    "No, Folding pocket knife (ta-p-2) cannot be sent to Brazil: blades may not be imported.",
    "No, Folding pocket knife (ta-p-2) cannot be sent to Bovia or Arland: blades may not be "
    "imported.",
    # a reason the graph does not hold, a number it does not hold
    "No, Folding pocket knife (ta-p-2) cannot be sent to Bovia: it is too heavy.",
    "No, Folding pocket knife (ta-p-2) cannot be sent to Bovia for 30 days: blades may not be "
    "imported.",
])
def test_a_changed_country_reason_or_number_is_refused(client, lie):
    assert ask(client, "Can ta-p-2 be shipped to Bovia?", lie) == KNIFE_NO


def test_a_changed_date_status_or_payer_is_refused(client, api_settings):
    who = shopper(api_settings, "ta-s-1")
    template = ask(client, "Where is my order ta-o-1?", "", who)
    assert template.startswith("Order ta-o-1 is in customs (since 2026-11-23).")
    assert ask(client, "Where is my order ta-o-1?", template.replace("2026-11-28", "2026-11-25"),
               who) == template
    assert ask(client, "Where is my order ta-o-1?",
               template.replace("is in customs", "is delivered"), who) == template
    returns = ask(client, "How do I return ta-p-2?", "", who)
    assert "you pay" in returns
    assert ask(client, "How do I return ta-p-2?", returns.replace("you pay", "we pay"),
               who) == returns


def test_an_unreachable_model_sends_the_template(service_world, settings, api_settings):
    with _client(settings, api_settings, "http://127.0.0.1:9/v1") as client:
        said = data(gql(client, ASK, {"m": "Can ta-p-2 be shipped to Bovia?"}))["assistant"]
    assert said["text"] == KNIFE_NO


@pytest.mark.parametrize("lang", ["en", "de", "es", "fr", "pt", "zh", "ja"])
def test_a_model_that_repeats_the_template_passes_in_every_language(lang):
    """The checks refuse lies, not the facts themselves: the template passes its own check."""
    from api.assistant.facts import Reply
    from api.assistant.grounding import refusal
    from api.assistant.templates import PAYER_WORDS, STATUS_WORDS, say

    names = {"QN": "Bovia", "BR": "Brazil"}
    product = "Folding pocket knife (ta-p-2)"
    cases = [
        Reply(say("ships_yes", lang, product=product, country="Bovia", days=5, cost="6.00 EUR")
              + say("price", lang, price="50.00 EUR"),
              facts={"ships": "yes", "product": "ta-p-2", "country": "QN"}),
        Reply(say("ships_no", lang, product=product, country="Bovia"),
              facts={"ships": "no", "product": "ta-p-2", "country": "QN"}),
        Reply(say("ships_restricted", lang, product=product, country="Bovia",
                  reason="blades may not be imported"),
              facts={"ships": "no", "product": "ta-p-2", "reason": "blades may not be imported"}),
        Reply(say("returns", lang, country="Bovia", days=14, payer=PAYER_WORDS[lang]["shopper"]),
              facts={"paid_by": "shopper", "window_days": "14"}),
        Reply(say("status", lang, order="ta-o-1", status=STATUS_WORDS[lang]["in_customs"],
                  at="2026-11-23"), facts={"status": "in_customs", "order": "ta-o-1"}),
        Reply(say("status", lang, order="ta-o-3", status=STATUS_WORDS[lang]["returned"],
                  at="2026-10-15")
              + say("steps", lang, steps=", ".join(
                  say("step", lang, status=STATUS_WORDS[lang][s], at=d)
                  for s, d in (("placed", "2026-10-01"), ("delivered", "2026-10-06"),
                               ("returned", "2026-10-15"))))
              + say("promised", lang, promised="2026-10-08"),
              facts={"status": "returned", "order": "ta-o-3"}),
    ]
    for reply in cases:
        assert refusal(reply.text, reply.text, reply, lang, names) is None, reply.text


# What each answer must keep, written here from the service world's files (not from the
# assistant), and the numbers it may hold.
REAL_MODEL_CASES = [
    ("Can ta-p-2 be shipped to Bovia?", None,
     ("ta-p-2", "Bovia", "blades may not be imported"), {"2"}),
    ("Where is my order ta-o-1?", "ta-s-1",
     ("ta-o-1", "DHL", "JD0001", "2026-11-23", "2026-11-26", "2026-11-28"),
     {"1", "0001", "2026-11-20", "2026-11-21", "2026-11-23", "2026-11-26", "2026-11-28"}),
]  # three answers took 216 s on the shared 2-core VM at load 15; two stay nearer two minutes


@pytest.mark.model
def test_the_real_local_model_never_gets_a_wrong_fact_sent(service_world, settings, api_settings):
    """The embedded Qwen2.5-Coder-0.5B phrases two answers; whatever is sent (its text when the
    checker accepts it, else the template) keeps every fact and states no other number, and the
    restricted knife is never a yes."""
    import re

    local = settings.model_copy(update={"nlq_backend": "local", "assistant_phrasing": True,
                                        "nlq_timeout_s": 60.0})
    with TestClient(create_app(local, api_settings)) as client:
        for message, who, facts, numbers in REAL_MODEL_CASES:
            headers = shopper(api_settings, who) if who else None
            said = data(gql(client, ASK, {"m": message}, headers=headers))["assistant"]["text"]
            for fact in facts:
                assert fact in said, (message, said)
            stated = set(re.findall(r"\d+(?:[.:\-]\d+)*", said))
            assert stated <= numbers | {n for f in facts for n in re.findall(r"\d+", f)}, said
            if "ta-p-2" in message:
                assert not re.search(r"\byes\b", said, re.IGNORECASE), said


def test_a_phrasing_that_drops_an_attribute_is_refused():
    """Found by the real model under a time limit: the reply was cut after the product's name,
    kept its id, dropped its colour and material, and was sent."""
    from api.assistant.facts import Reply
    from api.assistant.grounding import refusal

    template = "Orbit T-shirt (ab-product-270): soft, pink, merino wool."
    reply = Reply(template, facts={"product": "ab-product-270", "colour": "pink",
                                   "material": "merino wool"})
    assert refusal("Orbit T-shirt (ab-product-270): As", template, reply, "en", {}) == \
        "colour 'pink' is missing"
    assert refusal("The Orbit T-shirt (ab-product-270) is pink merino wool, and soft.", template,
                   reply, "en", {}) is None
