"""Rendered product pictures for the demo shop (``borderless load demo --images``).

These are drawings, not photos: no registry package we found ships real product photos under a
licence that allows redistributing them with a shop (see the README's "Images" section), so each
demo product gets a deterministic picture made with Pillow from what the catalog says about it:
its category picks the shape (a shoe, a mug and a tent look different from one another), its
colour the fill, and the product id a small jitter of position, size and angle, so two products of
one kind and colour are alike but not identical. ``shopper_photo`` draws the same product again
as a shopper's snapshot would differ (another jitter, a tinted background, noise): the held-out
photos that ``bench/images.py`` searches with.
"""

from __future__ import annotations

import hashlib
import io
import math
from collections.abc import Iterator
from pathlib import Path
from random import Random
from typing import Any

from PIL import Image, ImageDraw, ImageFilter

SIZE = 160
IMAGE_FOLDER = "images"
COLOUR_RGB: dict[str, tuple[int, int, int]] = {
    "black": (25, 25, 28), "white": (238, 238, 232), "red": (200, 30, 35),
    "blue": (30, 80, 210), "navy": (20, 30, 90), "green": (40, 150, 60), "grey": (128, 128, 128),
    "yellow": (240, 210, 30), "orange": (245, 130, 20), "pink": (240, 120, 170),
    "purple": (120, 50, 160), "beige": (215, 195, 150), "brown": (110, 70, 35),
    "silver": (190, 192, 198),
}
# Outlines drawn per category (polygons in a unit square, or an ellipse when None): one per
# demo category, picked by a stable hash of the category id so that adding one moves no other.
_SHAPES: tuple[tuple[tuple[float, float], ...] | None, ...] = (
    None,
    ((0.1, 0.2), (0.9, 0.2), (0.9, 0.8), (0.1, 0.8)),
    ((0.5, 0.1), (0.9, 0.9), (0.1, 0.9)),
    ((0.1, 0.6), (0.55, 0.55), (0.7, 0.3), (0.9, 0.45), (0.9, 0.8), (0.1, 0.8)),  # a shoe
    ((0.3, 0.1), (0.7, 0.1), (0.9, 0.3), (0.75, 0.4), (0.75, 0.9), (0.25, 0.9), (0.25, 0.4),
     (0.1, 0.3)),  # a shirt
    ((0.25, 0.2), (0.75, 0.2), (0.8, 0.9), (0.2, 0.9)),  # a mug or a bag
    ((0.5, 0.05), (0.62, 0.38), (0.95, 0.4), (0.68, 0.6), (0.78, 0.95), (0.5, 0.75),
     (0.22, 0.95), (0.32, 0.6), (0.05, 0.4), (0.38, 0.38)),  # a star
    ((0.3, 0.05), (0.7, 0.05), (0.95, 0.5), (0.7, 0.95), (0.3, 0.95), (0.05, 0.5)),  # a hexagon
    ((0.05, 0.4), (0.95, 0.4), (0.95, 0.6), (0.05, 0.6)),  # a flat bar
    ((0.4, 0.05), (0.6, 0.05), (0.6, 0.4), (0.9, 0.9), (0.1, 0.9), (0.4, 0.4)),  # a bottle
)


def category_shape(category_id: str) -> tuple[int, int]:
    """The outline (index into the shapes) and the number of stripes a category is drawn with."""
    digest = int(hashlib.sha256(category_id.encode()).hexdigest(), 16)
    return digest % len(_SHAPES), (digest // len(_SHAPES)) % 4


def render_product(category_id: str, colour: str | None, seed: str, *, photo: bool = False) -> bytes:
    """A PNG picture of a product of ``category_id`` in ``colour``; the same arguments, same bytes.

    ``seed`` (the product id) jitters position, size and angle; ``photo`` draws it as a shopper's
    snapshot of it would differ (another viewpoint, a tinted background, sensor noise).
    """
    rng = Random(f"{seed}|{'photo' if photo else 'listing'}")
    shape, stripes = category_shape(category_id)
    fill = COLOUR_RGB.get(colour or "", (128, 128, 128))
    background = (255, 255, 255) if not photo else tuple(rng.randint(215, 250) for _ in range(3))
    canvas = Image.new("RGB", (SIZE * 2, SIZE * 2), background)  # drawn large, scaled down: smooth edges
    draw = ImageDraw.Draw(canvas)
    scale = SIZE * 2 * rng.uniform(0.7, 0.9)
    dx, dy = (rng.uniform(0.05, 0.25) * SIZE * 2 for _ in range(2))
    angle = math.radians(rng.uniform(-12, 12))
    outline = tuple(max(c - 60, 0) for c in fill)

    def place(x: float, y: float) -> tuple[float, float]:
        x, y = x - 0.5, y - 0.5
        return (dx + scale * (0.5 + x * math.cos(angle) - y * math.sin(angle)),
                dy + scale * (0.5 + x * math.sin(angle) + y * math.cos(angle)))

    points = _SHAPES[shape]
    if points is None:
        box = [place(0.1, 0.15), place(0.9, 0.85)]
        draw.ellipse([min(box[0][0], box[1][0]), min(box[0][1], box[1][1]),
                      max(box[0][0], box[1][0]), max(box[0][1], box[1][1])],
                     fill=fill, outline=outline, width=6)
    else:
        draw.polygon([place(x, y) for x, y in points], fill=fill, outline=outline, width=6)
    for i in range(stripes):  # the category's detail: a few bands across the middle
        y = 0.35 + 0.12 * i
        draw.line([place(0.3, y), place(0.7, y)], fill=outline, width=8)
    image = canvas.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    if photo:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
        noise = Image.effect_noise((SIZE, SIZE), 12).convert("RGB")
        image = Image.blend(image, noise, 0.06)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def write_demo_images(products: Iterator[dict[str, Any]], directory: Path) -> Iterator[dict[str, Any]]:
    """Render each product's picture into ``directory/images/`` and yield its ``images`` row."""
    folder = directory / IMAGE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for product in products:
        name = f"{IMAGE_FOLDER}/{product['id']}.png"
        data = render_product(product["category_id"], product.get("colour"), product["id"])
        target = directory / name
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        alts = {f"alt_{lang}": title for lang, title in product["titles"].items()}
        yield {"product_id": product["id"], "position": 0, "path": name, **alts}
