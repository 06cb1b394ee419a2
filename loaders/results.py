"""What reading one input row gives: an accepted row, or a rejected one and why."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from pydantic import BaseModel


@dataclass(frozen=True)
class Rejected:
    """One quarantined row: the file, the line, the field(s) at fault, the reason, the row."""

    file: str
    line: int
    field: str
    reason: str
    row: Any = None

    def to_json(self) -> str:
        """One JSON Lines entry of the quarantine file, always exactly one line.

        Text stays readable (``ensure_ascii=False``), but the characters that some readers take
        for line ends (``str.splitlines``, editors) are escaped.
        """
        text = json.dumps(asdict(self), ensure_ascii=False, default=str)
        return text.translate(_LINE_BREAKS)


# Line breaks that json.dumps leaves raw with ensure_ascii=False.
_LINE_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}


@dataclass(frozen=True)
class Accepted:
    """One valid row, with where it came from (for messages about it later)."""

    file: str
    line: int
    row: BaseModel
