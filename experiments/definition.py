"""What an experiment is: a surface, a unit, and variants that are serving strategies.

Stored on ``(:Experiment {key, surface, unitType, status, start, stop, variants, winner})`` with
``variants`` a JSON string of ``[{key, share, strategy, modelVersion?, weights?}]`` (the shared
contract of issue 12). Everything that comes in (CLI flags, GraphQL input, the stored JSON) is
checked here, so a bad definition is refused with the variant and field it concerns.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from borderless.errors import BorderlessError

# Strategies ``recommendations`` can serve by. ``model`` is the shop's active model version;
# ``popularity`` and ``cold_start`` (the knowledge-graph path, no model) need none.
STRATEGIES = ("model", "popularity", "cold_start")
SURFACES = ("recommendations",)
UNIT_TYPES = ("shopper", "session")
STATUSES = ("running", "stopped", "promoted")
# Where nothing is in force, recommendations come from the active model.
DEFAULT_STRATEGY = "model"

_KEY = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


class ExperimentError(BorderlessError):
    """An experiment definition or command that cannot be carried out; the message says why."""


class Variant(BaseModel):
    """One arm: a share of the traffic served by one strategy."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    key: str
    share: float = Field(gt=0, le=1)
    strategy: Literal["model", "popularity", "cold_start"]
    model_version: str | None = Field(default=None, alias="modelVersion")
    weights: dict[str, float] | None = None

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        if not _KEY.match(value):
            raise ValueError("1-64 characters of A-Z a-z 0-9 _ . : -")
        return value

    def stored(self) -> dict[str, Any]:
        """The variant as the contract's JSON object (camelCase, no empty fields)."""
        return self.model_dump(by_alias=True, exclude_none=True)


class Definition(BaseModel):
    """A whole experiment as created."""

    model_config = ConfigDict(extra="forbid")

    key: str
    surface: Literal["recommendations"] = "recommendations"
    unit_type: Literal["shopper", "session"] = "shopper"
    variants: list[Variant] = Field(min_length=2, max_length=8)

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        if not _KEY.match(value):
            raise ValueError("1-64 characters of A-Z a-z 0-9 _ . : -")
        return value

    @model_validator(mode="after")
    def _shares(self) -> Definition:
        keys = [v.key for v in self.variants]
        if len(set(keys)) != len(keys):
            raise ValueError(f"variant keys must differ, got {keys}")
        total = sum(v.share for v in self.variants)
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"variant shares must add up to 1, they add up to {total:g}")
        return self

    def variants_json(self) -> str:
        return json.dumps([v.stored() for v in self.variants], sort_keys=True)


def parse_definition(key: str, variants: list[dict[str, Any]], surface: str = "recommendations",
                     unit_type: str = "shopper") -> Definition:
    """A checked :class:`Definition`.

    Raises:
        ExperimentError: naming every field at fault (``variants[1].share: ...``).
    """
    try:
        return Definition.model_validate(
            {"key": key, "surface": surface, "unit_type": unit_type, "variants": variants})
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(_part(p) for p in err['loc']) or 'experiment'}: {err['msg']}"
            for err in e.errors())
        raise ExperimentError(f"experiment {key!r}: {problems}") from e


def parse_variant_flag(text: str) -> dict[str, Any]:
    """``KEY:SHARE:STRATEGY[:MODEL_VERSION]`` from the command line as a variant's fields.

    Raises:
        ExperimentError: the flag has the wrong number of parts or a share that is no number.
    """
    parts = text.split(":")
    if len(parts) not in (3, 4):
        raise ExperimentError(
            f"--variant {text!r}: expected KEY:SHARE:STRATEGY[:MODEL_VERSION], "
            f"e.g. model:0.5:model or pop:0.5:popularity (strategies: {', '.join(STRATEGIES)})")
    try:
        share = float(parts[1])
    except ValueError as e:
        raise ExperimentError(f"--variant {text!r}: share {parts[1]!r} is not a number") from e
    fields: dict[str, Any] = {"key": parts[0], "share": share, "strategy": parts[2]}
    if len(parts) == 4:
        fields["modelVersion"] = parts[3]
    return fields


def stored_variants(text: str | None) -> list[Variant]:
    """The variants of a stored experiment (its ``variants`` JSON string)."""
    try:
        return [Variant.model_validate(v) for v in json.loads(text or "[]")]
    except (ValueError, ValidationError) as e:
        raise ExperimentError(f"a stored experiment's variants are not valid: {e}") from e


def _part(p: Any) -> str:
    return f"[{p}]" if isinstance(p, int) else str(p)
