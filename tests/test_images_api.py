"""Images in the API: similarProducts by LOOK, GRAPH or BOTH, and POST /photo-search."""

from __future__ import annotations

import pytest
from api_support import api_settings, api_shop, client, data, error_codes, gql  # noqa: F401

from graph.driver import run_auto, write
from loaders.demo_images import render_product
from statements import cypher_file
from vision.encoder import MODEL_ID, ImageEncoder, colour_descriptor, dominant_colour, open_image

# Three pictured products: p-01 (ships to XA and XB, restricted in XB), p-02 (XA), p-04 (XB).
PICTURED = {"apit-p-01": ("cat-a", "red"), "apit-p-02": ("cat-b", "blue"), "apit-p-04": ("cat-c", "green")}
SIMILAR = """query S($id: ID!, $by: SimilarBy!) { similarProducts(productId: $id, by: $by, first: 5) {
  rankedBy modelVersion { id } items { score product { id } } } }"""


@pytest.fixture(scope="module")
def looks(api_shop, driver, settings):
    """Real picture vectors on three test products, and an active graph model for the shop."""
    db = settings.neo4j_database
    encoder = ImageEncoder("cpu")
    pictures = [open_image(render_product(cat, colour, pid)) for pid, (cat, colour) in PICTURED.items()]
    vectors = encoder.embed(pictures)
    colours = [dominant_colour(colour_descriptor(picture)) for picture in pictures]
    write(driver, cypher_file("api_test_looks"), db, model=MODEL_ID,
          rows=[{"id": pid, "vector": v.tolist(), "colour_name": c}
                for pid, v, c in zip(PICTURED, vectors, colours, strict=True)])
    write(driver, cypher_file("api_test_model_version"), db, id="apit-mv-img", shop="apit-")
    graph = [0.0] * settings.embedding_dim
    graph[0] = 1.0
    write(driver, cypher_file("api_test_embeddings"), db, version="apit-mv-img",
          rows=[{"id": pid, "vector": graph} for pid in ("apit-p-01", "apit-p-03", "apit-p-05")])
    yield encoder
    write(driver, cypher_file("api_test_looks_clear"), db, ids=list(PICTURED))
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix="apit-mv-img")


def _similar(client, product_id: str, by: str) -> dict:
    return data(gql(client, SIMILAR, {"id": product_id, "by": by}))["similarProducts"]


def test_similar_products_say_which_signal_ranked_them(client, looks):
    look = _similar(client, "apit-p-01", "LOOK")
    assert look["rankedBy"] == "LOOK" and look["modelVersion"]["id"] == MODEL_ID
    assert {i["product"]["id"] for i in look["items"]} == {"apit-p-02", "apit-p-04"}
    graph = _similar(client, "apit-p-01", "GRAPH")
    assert graph["rankedBy"] == "GRAPH" and graph["modelVersion"]["id"] == "apit-mv-img"
    assert {i["product"]["id"] for i in graph["items"]} == {"apit-p-03", "apit-p-05"}
    both = _similar(client, "apit-p-01", "BOTH")
    assert both["rankedBy"] == "BOTH"
    assert {i["product"]["id"] for i in both["items"]} == {"apit-p-02", "apit-p-03", "apit-p-04", "apit-p-05"}
    # Without a picture, BOTH is the graph's ranking and says so; LOOK is refused with a code.
    assert _similar(client, "apit-p-03", "BOTH")["rankedBy"] == "GRAPH"
    assert error_codes(gql(client, SIMILAR, {"id": "apit-p-03", "by": "LOOK"})) == ["NO_IMAGE"]


def test_the_same_look_in_another_colour_through_the_api(client, looks):
    # "The same bag in red" was only a manager's Cypher query; a storefront could not ask it.
    query = """query S($id: ID!, $by: SimilarBy!, $colour: String) {
      similarProducts(productId: $id, by: $by, colour: $colour, first: 5) {
        rankedBy items { product { id } } } }"""

    def ids(product_id: str, colour: str, by: str = "LOOK") -> list[str]:
        answer = data(gql(client, query, {"id": product_id, "by": by, "colour": colour}))
        assert answer["similarProducts"]["rankedBy"] == "LOOK"
        return [i["product"]["id"] for i in answer["similarProducts"]["items"]]

    # apit-p-01 is red in the catalog (any case); apit-p-04's picture is green (no catalog colour).
    assert ids("apit-p-02", "RED") == ["apit-p-01"]
    assert ids("apit-p-01", "green") == ["apit-p-04"]
    assert ids("apit-p-01", "violet") == []
    assert error_codes(gql(client, query, {"id": "apit-p-01", "by": "GRAPH", "colour": "red"})) \
        == ["INVALID_ARGUMENT"]
    assert error_codes(gql(client, query, {"id": "apit-p-03", "by": "LOOK", "colour": "red"})) \
        == ["NO_IMAGE"]


def _png(category: str, colour: str, seed: str) -> bytes:
    return render_product(category, colour, seed, photo=True)


def test_a_photo_finds_what_looks_like_it_among_what_ships_to_the_shopper(client, looks):
    photo = _png("cat-a", "red", "shopper-snap")
    answer = client.post("/photo-search?shipTo=XA&currency=XTS", content=photo,
                         headers={"Content-Type": "image/png"})
    assert answer.status_code == 200, answer.text
    items = answer.json()["data"]["items"]
    # p-01 is the red cat-a product; p-04 does not ship to XA.
    assert [i["productId"] for i in items] == ["apit-p-01", "apit-p-02"]
    assert items[0]["price"]["decimal"] == "20.00"  # 10 EUR at 2 XTS per EUR
    to_xb = client.post("/photo-search?shipTo=XB", content=photo, headers={"Content-Type": "image/png"})
    # p-01 ships to XB but is restricted there: only p-04 is left.
    assert [i["productId"] for i in to_xb.json()["data"]["items"]] == ["apit-p-04"]


@pytest.mark.parametrize("currency", ["XTS", "EUR"])
def test_photo_prices_have_the_same_money_shape_as_graphql(client, looks, currency):
    # GraphQL's Money carries the exact `decimal` (the currency's minor units); the photo search
    # answered only the float and the code, so a storefront had two price shapes to handle.
    photo = _png("cat-a", "red", "shopper-snap")
    answer = client.post(f"/photo-search?shipTo=XA&currency={currency}", content=photo,
                         headers={"Content-Type": "image/png"})
    assert answer.status_code == 200, answer.text
    items = answer.json()["data"]["items"]
    query = """query P($id: ID!, $c: String) { product(id: $id, currency: $c) {
      price { amount decimal currency rateDate } } }"""
    for item in items:
        graphql = data(gql(client, query, {"id": item["productId"], "c": currency}))["product"]
        assert item["price"] == graphql["price"], item["productId"]
    assert items and all(set(i["price"]) == {"amount", "decimal", "currency", "rateDate"} for i in items)


def test_a_photo_that_is_not_one_is_refused_with_a_code(client, settings, looks):
    photo = _png("cat-a", "red", "x")

    def refused(body: bytes, kind: str, query: str = "shipTo=XA") -> tuple[int, list[str]]:
        r = client.post(f"/photo-search?{query}", content=body, headers={"Content-Type": kind})
        return r.status_code, error_codes(r.json())

    assert refused(photo, "text/plain") == (415, ["UNSUPPORTED_MEDIA"])
    assert refused(b"GIF89a not really", "image/png") == (422, ["INVALID_ARGUMENT"])
    assert refused(photo[: len(photo) // 2], "image/png") == (422, ["INVALID_ARGUMENT"])
    assert refused(photo, "image/png", "shipTo=Germany") == (400, ["INVALID_ARGUMENT"])
    assert refused(photo, "image/png", "first=5") == (400, ["INVALID_ARGUMENT"])
    small = settings.model_copy(update={"image_max_bytes": 2_000})
    client.app.state.settings, before = small, client.app.state.settings
    try:
        assert refused(photo, "image/png") == (413, ["PAYLOAD_TOO_LARGE"])
    finally:
        client.app.state.settings = before


def test_a_phone_sized_photo_passes_the_apis_general_body_limit(client, looks):
    # A shopper's photo is often several MB: /photo-search has its own limit
    # (BORDERLESS_IMAGE_MAX_BYTES), not the API's 1 MiB one, which refused it before.
    import io

    from PIL import Image

    picture = Image.open(io.BytesIO(_png("cat-a", "red", "big-snap"))).convert("RGB")
    picture = picture.resize((1600, 1600))
    noise = Image.effect_noise((1600, 1600), 64).convert("RGB")  # photo-like: hard to compress
    buffer = io.BytesIO()
    Image.blend(picture, noise, 0.2).save(buffer, format="PNG")
    body = buffer.getvalue()
    assert len(body) > 1_048_576
    answer = client.post("/photo-search?shipTo=XA", content=body,
                         headers={"Content-Type": "image/png"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"]["items"]


def test_a_photo_from_a_browser_form_is_searched_the_same(client, looks):
    # A storefront's <input type=file> sends multipart/form-data: the part 'photo' is the picture.
    photo = _png("cat-a", "red", "shopper-snap")
    plain = client.post("/photo-search?shipTo=XA&currency=XTS", content=photo,
                        headers={"Content-Type": "image/png"}).json()
    form = client.post("/photo-search?shipTo=XA&currency=XTS",
                       files={"photo": ("snap.png", photo, "image/png")})
    assert form.status_code == 200, form.text
    assert form.json() == plain
    wrong_part = client.post("/photo-search?shipTo=XA", files={"picture": ("a.png", photo, "image/png")})
    assert (wrong_part.status_code, error_codes(wrong_part.json())) == (400, ["INVALID_ARGUMENT"])
    not_a_photo = client.post("/photo-search?shipTo=XA", files={"photo": ("a.txt", b"hi", "text/plain")})
    assert (not_a_photo.status_code, error_codes(not_a_photo.json())) == (415, ["UNSUPPORTED_MEDIA"])


def test_photo_prices_default_to_the_shipping_countrys_currency_and_unknown_countries_are_refused(
        client, looks):
    photo = _png("cat-a", "red", "shopper-snap")
    answer = client.post("/photo-search?shipTo=XA", content=photo,
                         headers={"Content-Type": "image/png"})
    assert answer.status_code == 200, answer.text
    # Testland A pays in XTS (2 per EUR): the price came back in EUR before, the base currency.
    price = answer.json()["data"]["items"][0]["price"]
    assert (price["decimal"], price["currency"]) == ("20.00", "XTS")
    unknown = client.post("/photo-search?shipTo=ZZ", content=photo,
                          headers={"Content-Type": "image/png"})
    assert (unknown.status_code, error_codes(unknown.json())) == (400, ["INVALID_ARGUMENT"])


def test_sold_out_products_are_never_offered_by_look(client, looks, driver, settings, tmp_path):
    # The README promises similarProducts never offers a sold-out product; LOOK and BOTH did.
    import json

    from api_support import SHOP
    from loaders.catalog import load_catalog

    def load(rows: list[dict]) -> None:
        (tmp_path / "products.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
        assert load_catalog(driver, settings, tmp_path, quarantine=None,
                            progress=False).exit_code() == 0

    with (SHOP / "products.jsonl").open(encoding="utf-8") as f:
        (original,) = [r for r in map(json.loads, f) if r["id"] == "apit-p-02"]
    assert "apit-p-02" in {i["product"]["id"] for i in _similar(client, "apit-p-01", "LOOK")["items"]}
    load([original | {"stock": 0}])
    try:
        for by in ("LOOK", "BOTH"):
            offered = {i["product"]["id"] for i in _similar(client, "apit-p-01", by)["items"]}
            assert "apit-p-02" not in offered, by
        photo = _png("cat-a", "red", "shopper-snap")
        found = client.post("/photo-search?shipTo=XA", content=photo,
                            headers={"Content-Type": "image/png"}).json()["data"]["items"]
        assert "apit-p-02" not in {i["productId"] for i in found}
    finally:
        load([original])  # no stock column: untracked again


def test_a_photo_is_kept_only_when_a_signed_in_shopper_asks_and_erasure_removes_it(
        client, looks, api_settings, tmp_path):
    import hashlib

    from api.erasure import erase_shopper_files, kept_photos_folder
    from api_support import shopper

    settings = client.app.state.settings
    photos = settings.state_dir / "photos"
    before = sorted(photos.rglob("*")) if photos.exists() else []
    photo = _png("cat-a", "red", "keep-me")
    as_s1 = {"Content-Type": "image/png", **shopper(api_settings, "apit-s-1")}
    plain = client.post("/photo-search?shipTo=XA", content=photo, headers=as_s1)
    assert plain.status_code == 200 and plain.json()["data"]["kept"] is None
    assert (sorted(photos.rglob("*")) if photos.exists() else []) == before  # never stored unasked
    kept = client.post("/photo-search?shipTo=XA&keep=true", content=photo, headers=as_s1)
    assert kept.status_code == 200, kept.text
    digest = hashlib.sha256(photo).hexdigest()
    assert kept.json()["data"]["kept"] == digest
    stored = kept_photos_folder(settings, "apit-s-1") / digest
    assert stored.read_bytes() == photo and stored.stat().st_mode & 0o777 == 0o600
    assert "apit-s-1" not in str(stored)  # the folder does not say who searched
    anonymous = client.post("/photo-search?shipTo=XA&keep=true", content=photo,
                            headers={"Content-Type": "image/png"})
    assert (anonymous.status_code, error_codes(anonymous.json())) == (401, ["UNAUTHENTICATED"])
    odd = client.post("/photo-search?shipTo=XA&keep=please", content=photo, headers=as_s1)
    assert (odd.status_code, error_codes(odd.json())) == (400, ["INVALID_ARGUMENT"])
    # deleteShopper's file erasure takes the kept photos with the shopper.
    erased = erase_shopper_files(settings, tmp_path / "models", "apit-s-1")
    assert str(stored) in erased.removed and not stored.parent.exists()
