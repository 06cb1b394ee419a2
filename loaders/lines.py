"""The physical lines of an input file, read as bytes and decoded one line at a time.

Decoding per line, not per file, is what lets one byte that is not UTF-8 cost one line instead of
the whole file. Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r`` (classic Mac spreadsheet
exports), as Python's universal newlines do; a UTF-8 byte-order mark at the very start of the file
(what spreadsheet programs write) is dropped. Every line keeps its number and its byte offset, so
a message can point at the exact byte.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

CHUNK_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line: its 1-based number, the file offset of its first byte, its bytes."""

    number: int
    offset: int
    raw: bytes

    def decoded(self) -> tuple[str, str | None]:
        """The line as text, and why it is not UTF-8 (``None`` when it is).

        Undecodable bytes come back as lone surrogates (``surrogateescape``) so that a CSV parser
        still sees the line's commas and quotes; use :meth:`printable` for messages.
        """
        try:
            # A byte-order mark inside the file: files with one, concatenated (cat a.csv b.csv).
            return self.raw.decode("utf-8").removeprefix("\ufeff"), None
        except UnicodeDecodeError as e:
            bad = self.raw[e.start]
            return self.raw.decode("utf-8", "surrogateescape"), (
                f"not UTF-8: byte 0x{bad:02x} at byte offset {self.offset + e.start} of the file "
                f"(byte {e.start + 1} of line {self.number}); save the file as UTF-8"
            )

    def printable(self, limit: int = 500) -> str:
        """The line for a quarantine entry: bad bytes as ``\\xNN``, line end dropped, cut short."""
        return self.raw.rstrip(b"\r\n").decode("utf-8", "backslashreplace")[:limit]


def physical_lines(f: BinaryIO) -> Iterator[Line]:
    """Every line of a binary file, line ends kept, the leading UTF-8 byte-order mark dropped."""
    number, offset = 0, 0
    pending: list[bytes] = []
    first = True
    while True:
        chunk = f.read(CHUNK_BYTES)
        if first:
            first = False
            while len(chunk) < len(codecs.BOM_UTF8) and (more := f.read(CHUNK_BYTES)):
                chunk += more
            if chunk.startswith(codecs.BOM_UTF8):
                chunk = chunk[len(codecs.BOM_UTF8):]
                offset = len(codecs.BOM_UTF8)
        if not chunk:
            break
        if b"\n" not in chunk and b"\r" not in chunk:  # a long line goes on; no copying yet
            pending.append(chunk)
            continue
        data = b"".join(pending) + chunk if pending else chunk
        pending = []
        parts = data.splitlines(keepends=True)
        if not parts[-1].endswith(b"\n"):  # unfinished, or a "\r" whose "\n" may come next
            pending.append(parts.pop())
        for raw in parts:
            number += 1
            yield Line(number, offset, raw)
            offset += len(raw)
    if pending:
        yield Line(number + 1, offset, b"".join(pending))
