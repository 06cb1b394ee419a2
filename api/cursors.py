"""Opaque keyset cursors: the sort they belong to, the last sort keys (number, text) and the last id.

A cursor is base64url JSON, so it survives URLs; it is not signed because it grants nothing, but
it is checked: a cursor from another sort (or a made-up string) is an ``INVALID_CURSOR`` error.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from api import errors
from borderless.errors import ApiError


@dataclass(frozen=True)
class Cursor:
    sort: str
    key: float
    id: str
    text: str = ""  # the text key of a sort by name; empty for the number sorts

    def encode(self) -> str:
        raw = json.dumps([self.sort, self.key, self.id, self.text], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str, sort: str) -> Cursor:
    """The cursor ``after`` names, checked against the sort it must belong to."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        got_sort, key, last_id, text = json.loads(base64.urlsafe_b64decode(padded.encode()))
        parsed = Cursor(str(got_sort), float(key), str(last_id), str(text))
    except (ValueError, TypeError, binascii.Error) as e:
        raise ApiError(errors.INVALID_CURSOR, "after: not a cursor this API issued") from e
    if parsed.sort != sort:
        raise ApiError(errors.INVALID_CURSOR,
                       f"after: the cursor belongs to sort {parsed.sort}, not {sort}")
    return parsed
