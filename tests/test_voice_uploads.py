"""``POST /voice`` refuses what is not a short audio upload, each refusal with its status and code,
and spends the same credentials and budgets as GraphQL."""

from __future__ import annotations

import importlib.util
import tempfile

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from api_support import api_settings, api_shop, client  # noqa: F401 - fixtures
from borderless.settings import Settings
from voice_support import post_voice, refusal, silence

pytestmark = pytest.mark.usefixtures("api_shop")


def test_a_body_that_is_not_multipart_is_415(client):
    response = client.post("/voice", json={"audio": "UklGRg=="})
    assert response.status_code == 415
    code, message = refusal(response.json())
    assert code == "UNSUPPORTED_MEDIA_TYPE" and "multipart/form-data" in message


def test_a_form_without_an_audio_file_is_400(client):
    response = client.post("/voice", files={"recording": ("a.wav", silence(0.5), "audio/wav")})
    assert response.status_code == 400
    assert refusal(response.json())[0] == "INVALID_ARGUMENT"
    response = client.post("/voice", data={"audio": "not a file"},
                           files={"other": ("x.txt", b"x", "text/plain")})
    assert response.status_code == 400
    code, message = refusal(response.json())
    assert code == "INVALID_ARGUMENT" and "audio" in message


@pytest.mark.parametrize("media_type", ["text/plain", "image/png", "application/json", ""])
def test_a_file_that_is_not_audio_is_415(client, media_type):
    status, body = post_voice(client, silence(0.5), media_type)
    assert status == 415
    code, message = refusal(body)
    assert code == "UNSUPPORTED_MEDIA_TYPE" and message.startswith("audio:")


@pytest.mark.parametrize("payload", [b"", b"RIFF\0\0\0\0WAVE", b"hello, I am text " * 50,
                                     silence(0.5)[:44]])
def test_bytes_that_do_not_decode_are_422(client, payload):
    status, body = post_voice(client, payload)
    assert status == 422
    code, message = refusal(body)
    assert code == "INVALID_ARGUMENT" and message.startswith("audio:")


@pytest.mark.parametrize(("field", "value"), [("language", "klingon"), ("target", "cart"),
                                              ("first", "many"), ("conversationId", "a b")])
def test_bad_fields_are_400_and_name_the_field(client, field, value):
    fields = {field: value}
    if field == "conversationId":
        fields["target"] = "assistant"
    status, body = post_voice(client, silence(0.5), **fields)
    assert status == 400
    code, message = refusal(body)
    assert code == "INVALID_ARGUMENT" and message.startswith(f"{field}:")


def test_unknown_fields_are_400(client):
    status, body = post_voice(client, silence(0.5), query="drop everything")
    assert status == 400
    assert "query" in refusal(body)[1]


def test_silence_is_no_speech(client):
    status, body = post_voice(client, silence(1.0), language="en")
    assert status == 422
    assert refusal(body)[0] == "NO_SPEECH"


def test_bad_credentials_are_401(client):
    response = client.post("/voice", files={"audio": ("a.wav", silence(0.5), "audio/wav")},
                           headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401
    assert refusal(response.json())[0] == "UNAUTHENTICATED"


def test_the_assistant_route_says_it_is_not_there_yet(client, api_settings):
    status, body = post_voice(client, speech(), target="assistant", language="en")
    if importlib.util.find_spec("api.assistant") is None:
        assert status == 501
        assert refusal(body)[0] == "NOT_IMPLEMENTED"
    else:  # merged with the assistant: it answers
        assert status == 200 and body["result"]["text"]


def speech() -> bytes:
    from language.speak import speak

    return speak("where is my order", "en")


def test_uploads_have_their_own_size_limit(settings: Settings, api_settings: ApiSettings):
    small = api_settings.model_copy(update={"max_voice_bytes": 4_096, "max_body_bytes": 2_048})
    with TestClient(create_app(settings, small)) as limited:
        status, body = post_voice(limited, silence(0.5))  # 16 kB
        assert status == 413
        code, message = refusal(body)
        assert code == "PAYLOAD_TOO_LARGE" and "BORDERLESS_MAX_VOICE_BYTES" in message
        # 3 kB: over the general limit, within the voice one (refused later, as silence).
        status, body = post_voice(limited, silence(0.1), language="en")
        assert (status, refusal(body)[0]) == (422, "NO_SPEECH")
        response = limited.post("/graphql", content=b"{" + b" " * 3_000 + b"}",
                                headers={"Content-Type": "application/json"})
        assert response.status_code == 413
        assert "BORDERLESS_MAX_BODY_BYTES" in refusal(response.json())[1]


def test_speech_longer_than_the_limit_is_422(settings: Settings, api_settings: ApiSettings):
    short = api_settings.model_copy(update={"max_voice_seconds": 1.0})
    with TestClient(create_app(settings, short)) as limited:
        status, body = post_voice(limited, silence(1.5))
        assert status == 422
        code, message = refusal(body)
        assert code == "INVALID_ARGUMENT" and "BORDERLESS_MAX_VOICE_SECONDS" in message


def test_voice_spends_the_expensive_budget_like_search(settings: Settings,
                                                       api_settings: ApiSettings):
    budget = api_settings.model_copy(update={"rate_limit_expensive": "1/minute"})
    with TestClient(create_app(settings, budget)) as limited:
        status, body = post_voice(limited, silence(0.5), language="en")
        assert (status, refusal(body)[0]) == (422, "NO_SPEECH")  # spent, then heard nothing
        status, body = post_voice(limited, silence(0.5), language="en")
        assert status == 429
        assert refusal(body)[0] == "RATE_LIMITED"


def test_an_upload_is_never_written_to_disk(client, monkeypatch):
    # Starlette spools an uploaded file over 1 MiB to a temporary file; /voice must not.
    def no_disk(*args: object, **kwargs: object) -> None:
        raise AssertionError("the upload was spooled to a temporary file")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_disk)
    status, body = post_voice(client, silence(40.0))  # 1.3 MB
    assert status == 422
    assert "BORDERLESS_MAX_VOICE_SECONDS" in refusal(body)[1]
