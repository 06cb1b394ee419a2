"""Speech in: Whisper base transcribes generated speech, and ``POST /voice`` routes it to search.

Speech is made with espeak-ng (``language.speak``), so the tests need no recordings; the
transcriptions run the real model (a few seconds each on 2 cores). The search route runs on the
API tests' shop (``tests/api_support.py``) in the session's real Neo4j.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from api.voice_routes import SEARCH_DOCUMENT
from api_support import api_settings, api_shop, client, data, gql  # noqa: F401 - fixtures
from borderless.settings import Settings
from language.speak import speak
from language.speech import decode, transcribe
from voice_support import post_voice, silence

pytestmark = pytest.mark.usefixtures("api_shop")


@pytest.fixture(scope="module")
def red_shoes() -> bytes:
    return speak("red shoes", "en")


def test_a_generated_wav_is_transcribed_and_its_language_detected(settings: Settings,
                                                                   red_shoes: bytes):
    heard = transcribe(settings, decode(red_shoes))
    assert heard.text.lower().strip(".!") == "red shoes"
    assert heard.language == "en"
    assert 0.5 < heard.duration_s < 5


def test_silence_is_no_words(settings: Settings):
    # Whisper alone turns silence into "You"; the VAD filter keeps it from inventing a search.
    assert transcribe(settings, decode(silence(2.0)), "en").text == ""


def test_the_search_route_answers_as_the_typed_search_of_the_transcript(client, red_shoes):
    status, body = post_voice(client, red_shoes, language="en", currency="XTS", first="5")
    assert status == 200, body
    assert body["transcript"].lower().strip(".!") == "red shoes"
    assert (body["language"], body["languageGiven"], body["target"]) == ("en", True, "search")
    typed = gql(client, SEARCH_DOCUMENT, {"query": body["transcript"], "lang": "EN",
                                          "currency": "XTS", "first": 5, "shipTo": None})
    # Same answer as the typed search (round-trip counts differ: the first search reads more).
    assert body["result"]["data"] == typed["data"] and "errors" not in body["result"]
    found = data(body["result"])["search"]
    assert ("colour", "red") in {(s["name"], s["value"]) for s in found["interpretation"]}
    assert found["products"], found
    assert all(p["colour"] == "red" and p["price"]["currency"] == "XTS"
               for p in found["products"])


def test_argument_errors_of_the_search_come_back_as_graphql_errors(client, red_shoes):
    status, body = post_voice(client, red_shoes, language="en", shipTo="Germany")
    assert status == 200
    assert [e["extensions"]["code"] for e in body["result"]["errors"]] == ["INVALID_ARGUMENT"]
    assert "shipTo" in body["result"]["errors"][0]["message"]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_a_language_the_shop_does_not_serve_is_searched_without_one(client):
    dutch = subprocess.run(["espeak-ng", "-v", "nl", "-s", "150", "--stdout"],  # noqa: S603, S607
                           input=b"ik wil graag rode schoenen kopen voor mijn dochter",
                           capture_output=True, check=True).stdout
    status, body = post_voice(client, dutch)
    assert status == 200, body
    assert (body["language"], body["languageGiven"]) == ("nl", False)
    # Not a GraphQL error for `lang: NL`: the search ran, without a language.
    assert "errors" not in body["result"], body["result"]
    assert data(body["result"])["search"]["backend"]
