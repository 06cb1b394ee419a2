"""Product images against the real Neo4j: loading with quarantine, the image index, duplicates."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from PIL import Image

from borderless.settings import REPO_ROOT, Settings
from graph.driver import read, run_auto
from loaders.catalog import load_catalog
from loaders.demo_images import render_product
from loaders.image_index import build_image_index
from statements import cypher_file

PREFIX = "ti-"
BAGS, SHOES = "ti-c-bags", "ti-c-shoes"


def _jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def _shop(folder: Path) -> Path:
    """A small catalog with good and bad images; returns the folder."""
    (folder / "pics").mkdir(parents=True)
    _jsonl(folder / "brands.jsonl", [{"id": "ti-b-1", "name": "Ti Brand"}])
    _jsonl(folder / "categories.jsonl", [{"id": BAGS, "names": {"en": "Bags"}},
                                         {"id": SHOES, "names": {"en": "Shoes"}}])
    products = [("ti-p-1", BAGS, "red"), ("ti-p-2", BAGS, "blue"), ("ti-p-3", SHOES, "red"),
                ("ti-p-4", BAGS, "red"), ("ti-p-5", SHOES, "green")]
    _jsonl(folder / "products.jsonl", [
        {"id": pid, "brand_id": "ti-b-1", "category_id": cat, "price": 10, "currency": "EUR",
         "titles": {"en": f"{colour} thing"}, "colour": colour} for pid, cat, colour in products])
    for pid, cat, colour in products[:3]:
        (folder / "pics" / f"{pid}.png").write_bytes(render_product(cat, colour, pid))
    # ti-p-4 is listed with ti-p-1's very picture under another name: a duplicate listing.
    (folder / "pics" / "copy.png").write_bytes((folder / "pics" / "ti-p-1.png").read_bytes())
    with zipfile.ZipFile(folder / "more.zip", "w") as zf:
        zf.writestr("shoes/ti-p-5.png", render_product(SHOES, "green", "ti-p-5"))
    png = (folder / "pics" / "ti-p-2.png").read_bytes()
    (folder / "pics" / "cut.png").write_bytes(png[: len(png) // 2])
    (folder / "pics" / "notes.png").write_text("this is not a picture", encoding="utf-8")
    big = io.BytesIO()
    Image.effect_noise((700, 700), 80).save(big, format="PNG")  # noise does not compress
    (folder / "pics" / "big.png").write_bytes(big.getvalue())
    outside = folder.parent / "outside.png"
    outside.write_bytes(png)
    (folder / "pics" / "link.png").symlink_to(outside)
    _jsonl(folder / "images.jsonl", [
        {"product_id": "ti-p-1", "path": "pics/ti-p-1.png", "alts": {"en": "A red bag", "de": "Eine rote Tasche"}},
        {"product_id": "ti-p-2", "path": "pics/ti-p-2.png", "alt_en": "A blue bag"},
        {"product_id": "ti-p-2", "position": 1, "url": "https://example.com/ti-p-2-back.jpg"},
        {"product_id": "ti-p-3", "path": "pics/ti-p-3.png"},
        {"product_id": "ti-p-4", "path": "pics/copy.png"},
        {"product_id": "ti-p-5", "archive": "more.zip", "path": "shoes/ti-p-5.png"},
        # Each of these is refused, and only it (line 7 on).
        {"product_id": "ti-p-1", "position": 1, "path": "pics/missing.png"},
        {"product_id": "ti-p-1", "position": 2, "path": "pics/cut.png"},
        {"product_id": "ti-p-1", "position": 3, "path": "pics/notes.png"},
        {"product_id": "ti-p-1", "position": 4, "path": "pics/big.png"},
        {"product_id": "ti-p-1", "position": 5, "path": "../outside.png"},
        {"product_id": "ti-p-1", "position": 6, "path": "pics/link.png"},
        {"product_id": "ti-p-1", "position": 7, "archive": "more.zip", "path": "shoes/none.png"},
        {"product_id": "ti-p-9", "path": "pics/ti-p-3.png"},
        {"product_id": "ti-p-1", "position": 8},
        {"product_id": "ti-p-1", "path": "pics/ti-p-3.png"},
    ])
    return folder


@pytest.fixture(scope="module")
def image_shop(driver: Driver, settings: Settings, tmp_path_factory: pytest.TempPathFactory):
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)
    folder = _shop(tmp_path_factory.mktemp("images") / "catalog")
    small = settings.model_copy(update={"image_max_bytes": 200_000})
    report = load_catalog(driver, small, folder, folder.parent / "q.jsonl", progress=False)
    yield folder, report, small
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)


def _images(driver: Driver, settings: Settings) -> dict[str, dict[str, Any]]:
    rows = read(driver, cypher_file("image_nodes"), settings.neo4j_database, prefix=PREFIX)
    return {r["id"]: r for r in rows}


def test_good_images_load_and_each_bad_one_is_quarantined_with_its_reason(image_shop, driver, settings):
    _, report, _ = image_shop
    assert (report.entities["images"].loaded, report.entities["images"].quarantined) == (6, 10)
    entries = [json.loads(line) for line in report.quarantine_file.read_text().splitlines()]
    reasons = {e["line"]: (e["field"], e["reason"]) for e in entries if e["file"] == "images.jsonl"}
    assert reasons[7] == ("path", "no file 'pics/missing.png' in the catalog folder")
    assert "not a readable image" in reasons[8][1] and "not a readable image" in reasons[9][1]
    assert "bytes; the limit is 200,000" in reasons[10][1]
    assert reasons[11][0] == "path" and "'..'" in reasons[11][1]
    assert "leads outside the catalog folder" in reasons[12][1]
    assert reasons[13] == ("path", "no 'shoes/none.png' in archive 'more.zip'")
    assert reasons[14] == ("product_id", "product_id 'ti-p-9' does not exist in the graph")
    assert "exactly one of path" in reasons[15][1]
    assert reasons[16][0] == "product_id, position" and "duplicate" in reasons[16][1]
    images = _images(driver, settings)
    assert sorted(images) == ["ti-p-1:0", "ti-p-2:0", "ti-p-2:1", "ti-p-3:0", "ti-p-4:0", "ti-p-5:0"]
    assert images["ti-p-1:0"]["alt_de"] == "Eine rote Tasche"
    assert images["ti-p-2:1"]["url"] == "https://example.com/ti-p-2-back.jpg"
    assert images["ti-p-5:0"]["member"] == "shoes/ti-p-5.png"
    assert images["ti-p-1:0"]["content_hash"] == images["ti-p-4:0"]["content_hash"]


def test_image_index_embeds_once_then_only_what_changed(image_shop, driver, settings):
    folder, _, small = image_shop
    first = build_image_index(driver, small, prefix=PREFIX, device="cpu", batch=2, progress=False)
    assert (first.entities["images"].loaded, first.quarantined) == (5, 0)  # the URL is not fetched
    images = _images(driver, settings)
    assert images["ti-p-1:0"]["dim"] == 1280 and images["ti-p-1:0"]["image_model"].startswith("efficientnet-lite0")
    assert images["ti-p-1:0"]["colour_name"] == "red" and images["ti-p-2:0"]["colour_name"] in ("blue", "azure")
    again = build_image_index(driver, small, prefix=PREFIX, device="cpu", progress=False)
    assert again.entities["images"].loaded == 0
    # A picture replaced in place (no catalog reload) is noticed by its hash and redone alone.
    (folder / "pics" / "ti-p-3.png").write_bytes(render_product(SHOES, "blue", "ti-p-3"))
    third = build_image_index(driver, small, prefix=PREFIX, device="cpu", progress=False)
    assert third.entities["images"].loaded == 1
    after = _images(driver, settings)
    assert after["ti-p-3:0"]["colour_name"] in ("blue", "azure")
    assert after["ti-p-3:0"]["content_hash"] != images["ti-p-3:0"]["content_hash"]
    # A file gone since the load is quarantined by the index, and the others stay as they were.
    (folder / "pics" / "ti-p-2.png").unlink()
    fourth = build_image_index(driver, small, prefix=PREFIX, redo=True, device="cpu", progress=False)
    assert (fourth.entities["images"].loaded, fourth.quarantined) == (4, 1)
    assert "cannot read" in _images(driver, settings)["ti-p-2:0"]["image_error"]


def test_nearest_by_look_is_the_same_kind_and_products_carry_their_main_picture(image_shop, driver, settings):
    _, _, small = image_shop
    build_image_index(driver, small, prefix=PREFIX, device="cpu", progress=False)
    rows = read(driver, cypher_file("image_neighbours"), settings.neo4j_database,
                product_id="ti-p-2", k=50, prefix=PREFIX)
    ranked = [r["product_id"] for r in rows]
    # ti-p-2 is a blue bag: the red bags (ti-p-1, ti-p-4) come before any shoe.
    assert set(ranked[:2]) == {"ti-p-1", "ti-p-4"}, ranked


def test_duplicate_listings_are_listed_for_managers(image_shop, driver, settings):
    rows = read(driver, "manager/duplicate_listings", settings.neo4j_database, prefix=PREFIX)
    assert [r["product_ids"] for r in rows] == [["ti-p-1", "ti-p-4"]]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run([sys.executable, "-m", "borderless.cli", "duplicates", "--prefix", PREFIX],
                          check=False, capture_output=True, text=True, env=env, cwd=REPO_ROOT,
                          timeout=120)
    assert done.returncode == 1, done.stderr
    assert "ti-p-1, ti-p-4: one picture" in done.stdout


def test_demo_pictures_are_deterministic_and_valid_catalog_rows(tmp_path):
    from loaders.demo_images import write_demo_images
    from loaders.models import ImageRow

    products = [{"id": "d-1", "category_id": "gpt:187", "colour": "red",
                 "titles": {"en": "Red shoe", "de": "Roter Schuh"}}]
    rows = list(write_demo_images(iter(products), tmp_path))
    first = (tmp_path / "images" / "d-1.png").read_bytes()
    list(write_demo_images(iter(products), tmp_path / "again"))
    assert (tmp_path / "again" / "images" / "d-1.png").read_bytes() == first
    row = ImageRow.model_validate(rows[0])
    assert row.alts == {"en": "Red shoe", "de": "Roter Schuh"} and row.path == "images/d-1.png"


def test_the_same_look_in_another_colour_is_findable(image_shop, driver, settings):
    _, _, small = image_shop
    build_image_index(driver, small, prefix=PREFIX, device="cpu", progress=False)
    rows = read(driver, "manager/same_look_in_colour", settings.neo4j_database,
                product_id="ti-p-2", colour="red", k=10)
    ranked = [r["product_id"] for r in rows if r["product_id"].startswith(PREFIX)]
    # ti-p-2 is a blue bag: in red, the red bags come before the shoe listed as red (ti-p-3).
    assert ranked[:2] in (["ti-p-1", "ti-p-4"], ["ti-p-4", "ti-p-1"]), ranked
    assert "ti-p-5" not in ranked  # green


def test_demo_with_images_writes_a_picture_per_product_and_without_drops_them(tmp_path):
    from loaders.demo import write_demo
    from loaders.demo_shop import DemoConfig
    from loaders.models import ImageRow

    config = DemoConfig(products=12, seed=3, shoppers=2, interactions=5, prefix="tid-", images=True)
    counts = write_demo(config, tmp_path, progress=False)
    rows = [json.loads(line) for line in (tmp_path / "images.jsonl").read_text().splitlines()]
    assert counts["images"] == len(rows) == 12
    for row in rows:
        assert (tmp_path / ImageRow.model_validate(row).path).is_file()
    write_demo(DemoConfig(products=12, seed=3, shoppers=2, interactions=5, prefix="tid-"), tmp_path,
               progress=False)
    assert not (tmp_path / "images.jsonl").exists()  # a catalog without pictures says so


def test_a_reloaded_image_row_leaves_nothing_of_the_old_one(driver, settings, tmp_path):
    folder = tmp_path / "reload"
    _shop(folder)
    lines = (folder / "images.jsonl").read_text().splitlines()
    (folder / "images.jsonl").write_text(lines[0] + "\n", encoding="utf-8")
    try:
        load_catalog(driver, settings, folder, tmp_path / "q1.jsonl", progress=False)
        assert _images(driver, settings)["ti-p-1:0"]["alt_de"] == "Eine rote Tasche"
        # The same image, now a URL with an English alt text only.
        _jsonl(folder / "images.jsonl", [{"product_id": "ti-p-1", "url": "https://example.com/a.jpg",
                                          "alt_en": "A red bag"}])
        load_catalog(driver, settings, folder, tmp_path / "q2.jsonl", progress=False)
        image = _images(driver, settings)["ti-p-1:0"]
        assert image["alt_de"] is None and image["content_hash"] is None
        assert image["url"] == "https://example.com/a.jpg"
    finally:
        run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)


def _damaged_zip(path: Path, good: bytes) -> None:
    """A zip with a good picture, one whose deflated bytes are corrupt, one in a method (deflate64)
    that zipfile cannot unpack, and one encrypted."""
    import struct

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("good.png", good)
        zf.writestr("corrupt.png", good)
        zf.writestr(zipfile.ZipInfo("deflate64.png"), good)
        zf.writestr(zipfile.ZipInfo("secret.png"), good)
    raw = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as zf:
        corrupt, odd, secret = (zf.getinfo(n) for n in ("corrupt.png", "deflate64.png", "secret.png"))
    start = corrupt.header_offset + 30 + len("corrupt.png") + 40
    raw[start: start + 64] = bytes(b ^ 0xFF for b in raw[start: start + 64])
    central = raw.find(b"PK\x01\x02")
    while central != -1:  # the central directory's entry and the local header agree
        name = bytes(raw[central + 46: central + 46 + struct.unpack("<H", raw[central + 28: central + 30])[0]])
        if name == b"deflate64.png":
            raw[central + 10: central + 12] = struct.pack("<H", 9)
        if name == b"secret.png":
            raw[central + 8: central + 10] = struct.pack("<H", 1)
        central = raw.find(b"PK\x01\x02", central + 1)
    raw[odd.header_offset + 8: odd.header_offset + 10] = struct.pack("<H", 9)
    raw[secret.header_offset + 6: secret.header_offset + 8] = struct.pack("<H", 1)
    path.write_bytes(bytes(raw))


def test_a_damaged_member_of_an_archive_is_quarantined_and_the_rest_load(driver, settings, tmp_path):
    # zipfile raises zlib.error, NotImplementedError or RuntimeError for such members, none of
    # them an OSError: the whole load stopped on the first one instead of refusing that row.
    folder = tmp_path / "damaged"
    folder.mkdir()
    _jsonl(folder / "brands.jsonl", [{"id": "ti-b-1", "name": "Ti Brand"}])
    _jsonl(folder / "categories.jsonl", [{"id": BAGS, "names": {"en": "Bags"}}])
    _jsonl(folder / "products.jsonl", [
        {"id": f"ti-z-{i}", "brand_id": "ti-b-1", "category_id": BAGS, "price": 10, "currency": "EUR",
         "titles": {"en": "A bag"}} for i in range(4)])
    _damaged_zip(folder / "pics.zip", render_product(BAGS, "red", "ti-z-0"))
    members = ["good.png", "corrupt.png", "deflate64.png", "secret.png"]
    _jsonl(folder / "images.jsonl", [{"product_id": f"ti-z-{i}", "archive": "pics.zip", "path": m}
                                     for i, m in enumerate(members)])
    try:
        report = load_catalog(driver, settings, folder, tmp_path / "q.jsonl", progress=False)
        assert (report.entities["images"].loaded, report.entities["images"].quarantined) == (1, 3)
        entries = [json.loads(line) for line in report.quarantine_file.read_text().splitlines()]
        reasons = {e["line"]: (e["field"], e["reason"]) for e in entries if e["file"] == "images.jsonl"}
        assert sorted(reasons) == [2, 3, 4]
        for line, member in zip((2, 3, 4), members[1:], strict=True):
            assert reasons[line][0] == "path" and f"{member!r} in 'pics.zip'" in reasons[line][1]
        assert sorted(_images(driver, settings)) == ["ti-z-0:0"]
    finally:
        run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)


def test_an_archive_damaged_after_the_load_is_quarantined_by_the_image_index(driver, settings, tmp_path):
    folder = tmp_path / "later"
    folder.mkdir()
    _jsonl(folder / "brands.jsonl", [{"id": "ti-b-1", "name": "Ti Brand"}])
    _jsonl(folder / "categories.jsonl", [{"id": BAGS, "names": {"en": "Bags"}}])
    _jsonl(folder / "products.jsonl", [
        {"id": f"ti-y-{i}", "brand_id": "ti-b-1", "category_id": BAGS, "price": 10, "currency": "EUR",
         "titles": {"en": "A bag"}} for i in range(4)])
    good = render_product(BAGS, "red", "ti-y-0")
    members = ["good.png", "corrupt.png", "deflate64.png", "secret.png"]
    with zipfile.ZipFile(folder / "pics.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for member in members:
            zf.writestr(member, good)
    _jsonl(folder / "images.jsonl", [{"product_id": f"ti-y-{i}", "archive": "pics.zip", "path": m}
                                     for i, m in enumerate(members)])
    try:
        assert load_catalog(driver, settings, folder, tmp_path / "q.jsonl", progress=False).exit_code() == 0
        _damaged_zip(folder / "pics.zip", good)  # the same names, three now unreadable
        report = build_image_index(driver, settings, prefix="ti-y-", device="cpu", progress=False)
        assert (report.entities["images"].loaded, report.quarantined) == (1, 3)
        errors = {k: v["image_error"] for k, v in _images(driver, settings).items() if k.startswith("ti-y-")}
        assert errors["ti-y-0:0"] is None
        assert all("cannot read" in errors[f"ti-y-{i}:0"] for i in (1, 2, 3)), errors
    finally:
        run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)
