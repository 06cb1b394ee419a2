"""Helpers of the voice tests: generated audio and ``POST /voice`` calls."""

from __future__ import annotations

import io
import wave

from fastapi.testclient import TestClient


def silence(seconds: float) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16_000)
        w.writeframes(b"\0\0" * int(16_000 * seconds))
    return buffer.getvalue()


def post_voice(client: TestClient, audio: bytes, media_type: str = "audio/wav",
               **fields: str) -> tuple[int, dict]:
    response = client.post("/voice", files={"audio": ("speech.wav", audio, media_type)},
                           data=fields)
    return response.status_code, response.json()


def refusal(body: dict) -> tuple[str, str]:
    """The code and message of a refused request's one error."""
    assert body["data"] is None
    (error,) = body["errors"]
    return error["extensions"]["code"], error["message"]
