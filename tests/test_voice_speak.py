"""``/voice/speak`` reads text aloud as WAV (Piper for English, espeak-ng for every language) and
refuses bad requests with codes; what it says, Whisper hears."""

from __future__ import annotations

import io
import shutil
import wave

import pytest

from api_support import api_settings, api_shop, client  # noqa: F401 - fixtures
from borderless.settings import Settings
from language.speak import piper_installed
from language.speech import decode, transcribe
from voice_support import refusal

pytestmark = pytest.mark.usefixtures("api_shop")
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                  reason="espeak-ng is not installed (apt-get install espeak-ng)")
needs_piper = pytest.mark.skipif(not piper_installed(),
                                 reason="Piper is not installed (pip install -e '.[speech]')")


def seconds_of(wav: bytes) -> float:
    with wave.open(io.BytesIO(wav)) as w:
        return w.getnframes() / w.getframerate()


@needs_espeak
@pytest.mark.parametrize("language", ["en", "de", "es", "fr", "pt", "zh", "ja"])
def test_every_served_language_is_spoken(client, language):
    response = client.get("/voice/speak", params={"text": "42", "language": language,
                                                  "engine": "espeak-ng"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "audio/wav"
    assert response.headers["x-voice"] == "espeak-ng"
    assert response.content.startswith(b"RIFF")
    # espeak-ng streams its WAV with an unknown length; FFmpeg reads it all the same.
    assert 0.2 < decode(response.content).size / 16_000 < 5


@needs_piper
def test_english_is_spoken_by_piper_and_heard_back(client, settings: Settings):
    response = client.post("/voice/speak", json={"text": "Your parcel is in customs.",
                                                 "language": "en"})
    assert response.status_code == 200, response.text
    assert response.headers["x-voice"] == "piper"
    assert 1 < seconds_of(response.content) < 6
    heard = transcribe(settings, decode(response.content), "en").text.lower()
    assert "parcel" in heard and "customs" in heard


@pytest.mark.parametrize(("params", "field"), [
    ({"text": "", "language": "en"}, "text"),
    ({"text": "x" * 1_001, "language": "en"}, "text"),
    ({"language": "en"}, "text"),
    ({"text": "hola", "language": "xx"}, "language"),
    ({"text": "hallo", "language": "de", "engine": "piper"}, "engine"),
    ({"text": "hallo", "language": "de", "engine": "sam"}, "engine"),
    ({"text": "hi", "voice": "other"}, "request"),
])
def test_bad_requests_are_400_and_name_the_field(client, params, field):
    response = client.get("/voice/speak", params=params)
    assert response.status_code == 400
    code, message = refusal(response.json())
    assert code == "INVALID_ARGUMENT" and message.startswith(f"{field}:")


def test_a_post_that_is_not_json_is_refused(client):
    response = client.post("/voice/speak", content=b"text=hi",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert (response.status_code, refusal(response.json())[0]) == (415, "UNSUPPORTED_MEDIA_TYPE")
    response = client.post("/voice/speak", content=b"[1, 2]",
                           headers={"Content-Type": "application/json"})
    assert (response.status_code, refusal(response.json())[0]) == (400, "BAD_REQUEST")
