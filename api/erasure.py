"""Erasing a shopper from the files Borderless keeps, after ``deleteShopper`` removed the node.

In the graph, ``writes/api_delete_shopper`` takes the shopper's node with every event recorded
on it (``INTERACTED``, whatever its source), the sessions they signed in with (``Session`` whose
``shopperId`` is theirs, with the events left on them) and their impression events; the daily
aggregates (``EventDay``) name no one and stay. ``load events`` quarantine files are line files
and lose the shopper's lines here.

The graph is not the only place a shopper's id lives: version checkpoints hold their id and
embedding row (``<models>/*.pt``), quarantine files and generated catalogs hold rows that name
them (``*.jsonl``, ``*.csv``), logs may name them. Every file under the state folder and the
models folder that holds the id is rewritten without it:

- a version checkpoint loses the shopper's id and row (:func:`gnn.checkpoints.forget_shopper`);
- a line-oriented text file loses every line naming the id as a whole token (so erasing
  ``s-1`` leaves ``s-10`` alone);
- any other file that still holds the id is removed, and the answer lists it;
- the photos a shopper asked ``/photo-search`` to keep (``keep=true``) are removed with their
  folder, which is named by a hash of the id (:func:`kept_photos_folder`), not the id.

Left alone: every Neo4j home (the database and its transaction logs are Neo4j's; ``DETACH DELETE``
is its erasure), GraphiQL's fetched files, and model folders we downloaded (a text model's vocabulary is not shop data).
"""

from __future__ import annotations

import hashlib
import mmap
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from borderless.errors import ModelError
from borderless.settings import Settings
from gnn.checkpoints import forget_shopper

# Files whose records are lines: a line that names the shopper goes, the others stay.
LINE_FILES = frozenset({".jsonl", ".csv", ".tsv", ".log", ".txt"})
# Model weights we download or convert, and pictures (learning curves): never shop data, and
# large binaries where a short id's bytes can occur by chance.
NOT_SHOP_DATA = frozenset({".gguf", ".safetensors", ".onnx", ".bin", ".jar", ".png", ".jpg"})
# Characters ids are made of (loaders/models.py): a match must not continue into one of them.
_ID_CHARS = r"A-Za-z0-9_.:\-"


@dataclass
class Erasure:
    """What erasing one shopper changed on disk (paths relative to where they were found)."""

    rewritten: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.rewritten) + len(self.removed)


def erase_shopper_files(settings: Settings, model_dir: Path, shopper_id: str) -> Erasure:
    """Rewrite or remove every file Borderless keeps that names ``shopper_id``.

    Blocking (it reads whole files): the API runs it in a worker thread.

    Args:
        settings: where the state folder and the Neo4j home are.
        model_dir: where version checkpoints are (may lie outside the state folder).
        shopper_id: the id, already validated as an id (so never empty).
    """
    needle = shopper_id.encode("utf-8")
    token = re.compile(rf"(?<![{_ID_CHARS}]){re.escape(shopper_id)}(?![{_ID_CHARS}])")
    erasure = Erasure()
    photos = kept_photos_folder(settings, shopper_id)
    if photos.is_dir():
        for path in sorted(photos.iterdir()):
            path.unlink()
            erasure.removed.append(str(path))
        photos.rmdir()
    for path in _kept_files(settings, model_dir):
        try:
            if path.suffix in NOT_SHOP_DATA or not _holds(path, needle):
                continue
            if _is_torch_file(path):
                _erase_from_checkpoint(path, shopper_id, erasure)
            elif path.suffix in LINE_FILES:
                _erase_lines(path, token, erasure)
            elif token.search(path.read_bytes().decode("utf-8", errors="replace")):
                path.unlink()
                erasure.removed.append(str(path))
        except FileNotFoundError:
            continue  # removed meanwhile (a refresh replacing its temporary file)
    return erasure


def kept_photos_folder(settings: Settings, shopper_id: str) -> Path:
    """Where ``/photo-search`` keeps a shopper's photos when asked: ``<state>/photos/<hash>``.

    Named by the id's sha256, not the id: an id may be ``..``, and the folder name must not
    say who searched.
    """
    return settings.state_dir / "photos" / hashlib.sha256(shopper_id.encode("utf-8")).hexdigest()[:32]


def _kept_files(settings: Settings, model_dir: Path) -> list[Path]:
    """Regular files under the state folder and the models folder, minus what is not ours."""
    skip = settings.neo4j_home.resolve()
    models = model_dir.resolve()
    found: dict[Path, None] = {}
    for root in (settings.state_dir, model_dir):
        if not root.is_dir():
            continue
        for folder, subfolders, files in os.walk(root):  # never follows symlinked folders
            here = Path(folder).resolve()
            # Any Neo4j home (the tests' own server may live inside the state folder too) is
            # Neo4j's to erase; GraphiQL's fetched files are no shop data.
            if here == skip or (here / "conf" / "neo4j.conf").is_file() or here.name == "graphiql":
                subfolders.clear()
                continue
            if here.parent == models:
                # A folder inside the models folder is a downloaded or converted model.
                subfolders.clear()
                continue
            for name in files:
                path = Path(folder) / name
                if path.is_file() and not path.is_symlink():
                    found[path] = None
    return list(found)


def _holds(path: Path, needle: bytes) -> bool:
    """Whether the file's bytes contain ``needle`` (memory-mapped: catalogs can be large)."""
    if path.stat().st_size < len(needle):
        return False
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return data.find(needle) != -1


def _is_torch_file(path: Path) -> bool:
    """torch.save writes a zip holding ``<name>/data.pkl``."""
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as archive:
        return any(name.endswith("/data.pkl") for name in archive.namelist())


def _erase_from_checkpoint(path: Path, shopper_id: str, erasure: Erasure) -> None:
    try:
        if forget_shopper(path, shopper_id):
            erasure.rewritten.append(str(path))
        # else: the bytes matched inside another id (s-1 in s-10); nothing of this shopper
    except ModelError:
        # Not a version checkpoint we understand: it cannot be rewritten, so it goes.
        path.unlink()
        erasure.removed.append(str(path))


def _erase_lines(path: Path, token: re.Pattern[str], erasure: Erasure) -> None:
    """Rewrite ``path`` without the lines that name the id; atomically (temp file + rename)."""
    with path.open("rb") as f:
        lines = f.readlines()
    kept = [line for line in lines if not token.search(line.decode("utf-8", errors="replace"))]
    if len(kept) == len(lines):
        return  # the bytes matched only inside longer ids
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.writelines(kept)
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    erasure.rewritten.append(str(path))
