"""Checking a catalog's product images as they load: readable, inside the folder, not too big.

An image row names a file under the catalog folder (``path``), a file inside a zip archive there
(``archive`` + ``path``) or a URL. Files are read once here: a file that is missing, outside the
folder (a symlink pointing away), bigger than ``Settings.image_max_bytes``, not an image Pillow
can decode, or with more pixels than ``MAX_PIXELS`` (a decompression bomb) refuses its row with
the reason, and the rest of the file loads. What is stored is where the bytes are, their sha256
(``content_hash``: ``load image-index`` redoes only images whose hash changed; the same hash under
two products is a duplicate listing) and the picture's size and format. URLs are kept as given
and not fetched, so a load never needs the network.
"""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

# More pixels than a 8000 x 5000 photo is no product picture; Pillow would decode it whole.
MAX_PIXELS = 40_000_000
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF")
# What reading one member of a readable zip archive can raise beside OSError.
ZIP_MEMBER_ERRORS = (zlib.error, RuntimeError, EOFError)


class ImageRefused(ValueError):
    """An image row whose file cannot be used; ``field`` names the row field at fault."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field


def read_image_bytes(directory: Path, path: str, archive: str | None, max_bytes: int) -> bytes:
    """The bytes of an image file under ``directory`` (or of a member of a zip archive there).

    Raises:
        ImageRefused: missing, outside ``directory``, not a zip archive, or over ``max_bytes``.
    """
    root = directory.resolve()
    outer = (root / (archive or path)).resolve()
    field = "archive" if archive else "path"
    if not outer.is_relative_to(root):
        raise ImageRefused(field, f"{archive or path!r} leads outside the catalog folder")
    if not outer.is_file():
        raise ImageRefused(field, f"no file {archive or path!r} in the catalog folder")
    if archive is None:
        size = outer.stat().st_size
        if size > max_bytes:
            raise ImageRefused("path", f"{path!r} is {size:,} bytes; the limit is {max_bytes:,}")
        return outer.read_bytes()
    try:
        with zipfile.ZipFile(outer) as zf:
            try:
                info = zf.getinfo(path)
            except KeyError:
                raise ImageRefused("path", f"no {path!r} in archive {archive!r}") from None
            if info.file_size > max_bytes:
                raise ImageRefused("path", f"{path!r} in {archive!r} is {info.file_size:,} bytes; "
                                   f"the limit is {max_bytes:,}")
            # Read at most one byte past the limit: the declared size of a member can lie.
            with zf.open(info) as member:
                data = member.read(max_bytes + 1)
    except (zipfile.BadZipFile, OSError) as e:
        raise ImageRefused("archive", f"{archive!r} is not a readable zip archive: {e}") from e
    except ZIP_MEMBER_ERRORS as e:
        # A corrupt compressed stream (zlib.error), a truncated one (EOFError), a method
        # zipfile lacks (deflate64: NotImplementedError) or an encrypted member
        # (RuntimeError): this member only.
        raise ImageRefused("path", f"{path!r} in {archive!r} cannot be unpacked: "
                           f"{type(e).__name__}: {e}") from e
    if len(data) > max_bytes:
        raise ImageRefused("path", f"{path!r} in {archive!r} is over the limit of {max_bytes:,} bytes")
    return data


def inspect_image(data: bytes, where: str) -> dict[str, Any]:
    """The picture's format, width, height and content hash, after decoding it fully.

    Raises:
        ImageRefused: not an image Pillow decodes, a format outside ``FORMATS``, or too many pixels.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                fmt, (width, height) = img.format, img.size
                if width * height > MAX_PIXELS:
                    raise ImageRefused("path", f"{where} is {width} x {height} pixels; "
                                       f"the limit is {MAX_PIXELS:,} pixels")
                img.load()  # a truncated or corrupt file fails here, not at embedding time
    except ImageRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise ImageRefused("path", f"{where} is not a readable image: {e}") from e
    if fmt not in FORMATS:
        raise ImageRefused("path", f"{where} is {fmt}; expected one of {', '.join(FORMATS)}")
    return {"format": fmt, "width": width, "height": height,
            "content_hash": hashlib.sha256(data).hexdigest()}
