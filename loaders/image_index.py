"""``borderless load image-index``: embed product images (look and colour) for visual search.

Run after a catalog load that brought ``images`` rows. Each image file is read again, hashed,
embedded by EfficientNet-Lite0 (:mod:`vision.encoder`, CUDA when present) and given a colour
descriptor; the vector is stored with the model's id on the ``Image`` node, and each product's
main picture (lowest position) is copied to ``Product.image_embedding`` for the
``product_image_embedding`` vector index.

Only what changed is redone: every file is read and hashed (cheap beside a forward pass), and an
image whose sha256 equals the ``embedded_hash`` stored with this model's vector is skipped, so a
file replaced in place since the load is noticed without reloading the catalog (``--all`` redoes
everything). Pages are written one by one in id order, so a run killed half-way, run again,
skips what it finished. A file that
has become unreadable is quarantined with its reason (and noted on the node) and the rest go on.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import Driver
from tqdm import tqdm

from borderless.settings import Settings
from graph.driver import read, write
from loaders.images import ZIP_MEMBER_ERRORS, ImageRefused, inspect_image
from loaders.reader import Quarantine
from loaders.report import LoadReport, add_report_options, run_and_report
from loaders.results import Rejected

# Images per page: one read, one forward pass and one write each.
EMBED_BATCH = 32


def register_load(load_subparsers: argparse._SubParsersAction) -> None:
    """Add ``borderless load image-index`` to the ``load`` command."""
    parser = load_subparsers.add_parser(
        "image-index", help="embed product images (look and colour) for visual search")
    parser.add_argument("--all", action="store_true", help="redo every image, not only changed ones")
    parser.add_argument("--prefix", default="", help="only images whose id starts with this")
    parser.add_argument("--device", default=None, help="cpu, cuda, cuda:1 (default: CUDA when present)")
    parser.add_argument("--batch", type=int, default=EMBED_BATCH, help="images per forward pass")
    add_report_options(parser)
    parser.set_defaults(handler=lambda args: run_and_report(
        args, lambda driver, settings, progress: build_image_index(
            driver, settings, redo=args.all, prefix=args.prefix, device=args.device,
            batch=args.batch, progress=progress)))


def build_image_index(driver: Driver, settings: Settings, *, redo: bool = False, prefix: str = "",
                      device: str | None = None, batch: int = EMBED_BATCH,
                      progress: bool = True) -> LoadReport:
    """Embed every pending image; returns how many were embedded and quarantined.

    Args:
        driver: the process's Neo4j driver.
        settings: database, state folder and the image size limit come from here.
        redo: embed every image again, changed or not.
        prefix: only images whose id (``<product id>:<position>``) starts with this.
        device: where the network runs (default: CUDA when present, else CPU).
        batch: images per page and forward pass.
        progress: show a progress bar (its total is counted first).
    """
    from vision.encoder import ImageEncoder, colour_descriptor, dominant_colour, open_image

    encoder = ImageEncoder(device)
    db = settings.neo4j_database
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    box = Quarantine(settings.state_dir / "quarantine" / f"image-index-{stamp}.jsonl")
    report = LoadReport(source=f"image-index ({encoder.model_id} on {encoder.device})",
                        quarantine_file=box.path)
    counts = report.counts("images")
    unchanged = 0
    try:
        for rows in _pages(driver, db, prefix, max(batch, 1), progress):
            good, refused = [], []
            for row in rows:
                try:
                    data = _read(row, settings.image_max_bytes)
                    if not redo and row["image_model"] == encoder.model_id \
                            and row["embedded_hash"] == hashlib.sha256(data).hexdigest():
                        unchanged += 1
                        continue
                    inspect_image(data, row["id"])
                    good.append((row, data))
                except ImageRefused as e:
                    refused.append({"id": row["id"], "reason": str(e)})
                    counts.read += 1
                    box.add(Rejected(row["id"], 0, e.field, str(e), {"file": row["file"],
                                                                     "member": row["member"]}))
            counts.read += len(good)
            pictures = [open_image(data) for _, data in good]
            vectors = encoder.embed(pictures)
            out: list[dict[str, Any]] = []
            for (row, data), picture, vector in zip(good, pictures, vectors, strict=True):
                colour = colour_descriptor(picture)
                out.append({"id": row["id"], "hash": hashlib.sha256(data).hexdigest(),
                            "vector": vector.tolist(), "colour": colour,
                            "colour_name": dominant_colour(colour)})
            if out:
                write(driver, "writes/image_embeddings", db, model=encoder.model_id, rows=out)
                write(driver, "writes/image_product_vectors", db, model=encoder.model_id,
                      ids=sorted({row["product_id"] for row, _ in good}))
            if refused:
                write(driver, "writes/image_refused", db, rows=refused)
            counts.loaded += len(out)
            counts.quarantined += len(refused)
    finally:
        box.close()
    report.notes.append(f"{unchanged:,} image(s) unchanged since they were embedded: skipped")
    if not box.count:
        report.quarantine_file = None
    return report


def _read(row: dict[str, Any], max_bytes: int) -> bytes:
    """The image's bytes as they are now, from its file or its archive member."""
    path = Path(row["file"])
    try:
        if row["member"]:
            with zipfile.ZipFile(path) as zf, zf.open(row["member"]) as member:
                data = member.read(max_bytes + 1)
        else:
            with path.open("rb") as f:
                data = f.read(max_bytes + 1)
    except (OSError, KeyError, zipfile.BadZipFile, *ZIP_MEMBER_ERRORS) as e:
        raise ImageRefused("file", f"cannot read {row['file']}: {type(e).__name__}: {e}") from e
    if len(data) > max_bytes:
        raise ImageRefused("file", f"{row['file']} is over the limit of {max_bytes:,} bytes")
    return data


def _pages(driver: Driver, db: str, prefix: str, limit: int,
           progress: bool) -> Iterator[list[dict[str, Any]]]:
    """Image files by ascending id, a page at a time, under a bar whose total is counted first."""
    total = int(read(driver, "queries/image_files_count", db, prefix=prefix)[0]["n"])
    after = ""
    with tqdm(total=total, desc="check and embed images", unit="img", disable=not progress,
              file=sys.stderr) as bar:
        while True:
            rows = read(driver, "queries/image_files", db, after=after, prefix=prefix, limit=limit)
            if not rows:
                return
            yield rows
            bar.update(len(rows))
            after = rows[-1]["id"]
