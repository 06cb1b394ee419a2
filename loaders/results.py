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
        """One JSON Lines entry of the quarantine file."""
        return json.dumps(asdict(self), ensure_ascii=False, default=str)


@dataclass(frozen=True)
class Accepted:
    """One valid row, with where it came from (for messages about it later)."""

    file: str
    line: int
    row: BaseModel
