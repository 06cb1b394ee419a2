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

# The strategies each surface can serve by. recommendations: ``model`` (the shop's active model
# version), ``popularity`` and ``cold_start`` (the knowledge-graph path, no model). search:
# ``search``, ranked by its variant's ``weights``. similarProducts: what ranks the items, as its
# ``by`` argument names them (``graph``: the active model; ``look``: the pictures; ``both``).
STRATEGIES_BY_SURFACE: dict[str, tuple[str, ...]] = {
    "recommendations": ("model", "popularity", "cold_start"),
    "search": ("search",),
    "similarProducts": ("graph", "look", "both"),
}
STRATEGIES = tuple(s for names in STRATEGIES_BY_SURFACE.values() for s in names)
SURFACES = tuple(STRATEGIES_BY_SURFACE)
UNIT_TYPES = ("shopper", "session")
STATUSES = ("running", "stopped", "promoted")
# Where nothing is in force: recommendations come from the active model, search by its default
# weights, similar products from the active model.
DEFAULT_STRATEGY = "model"
DEFAULT_STRATEGY_BY_SURFACE = {"recommendations": "model", "search": "search",
                               "similarProducts": "graph"}
# A search variant's ranking weights (each 0..1, together at most 1; text relevance gets the
# rest): ``shopper`` blends in the signed-in shopper's taste (BORDERLESS_SEARCH_SHOPPER_WEIGHT
# when not given), ``popularity`` how many shoppers interacted with the product (0 when not given).
SEARCH_WEIGHTS = ("shopper", "popularity")

_KEY = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


class ExperimentError(BorderlessError):
    """An experiment definition or command that cannot be carried out; the message says why."""


class Variant(BaseModel):
    """One arm: a share of the traffic served by one strategy."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    key: str
    share: float = Field(gt=0, le=1)
    strategy: Literal["model", "popularity", "cold_start", "search", "graph", "look", "both"]
    model_version: str | None = Field(default=None, alias="modelVersion")
    weights: dict[str, float] | None = None

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        if not _KEY.match(value):
            raise ValueError("1-64 characters of A-Z a-z 0-9 _ . : -")
        return value

    @field_validator("weights")
    @classmethod
    def _weights(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        if value is None:
            return None
        unknown = sorted(set(value) - set(SEARCH_WEIGHTS))
        if unknown:
            raise ValueError(f"unknown weight {unknown[0]!r}; known: {', '.join(SEARCH_WEIGHTS)}")
        if any(not 0 <= w <= 1 for w in value.values()) or sum(value.values()) > 1 + 1e-9:
            raise ValueError(f"weights are 0 to 1 each and at most 1 together, got {value}")
        return value

    def stored(self) -> dict[str, Any]:
        """The variant as the contract's JSON object (camelCase, no empty fields)."""
        return self.model_dump(by_alias=True, exclude_none=True)


class Definition(BaseModel):
    """A whole experiment as created."""

    model_config = ConfigDict(extra="forbid")

    key: str
    surface: Literal["recommendations", "search", "similarProducts"] = "recommendations"
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
        allowed = STRATEGIES_BY_SURFACE[self.surface]
        for i, v in enumerate(self.variants):
            where = f"variants[{i}] ({v.key!r})"
            if v.strategy not in allowed:
                raise ValueError(f"{where}: strategy {v.strategy!r} does not serve {self.surface}; "
                                 f"it serves by {', '.join(allowed)}")
            if v.weights is not None and self.surface != "search":
                raise ValueError(f"{where}: weights rank search only, not {self.surface}")
            if v.model_version is not None and v.strategy != "model":
                raise ValueError(f"{where}: a model version goes with the model strategy only")
        return self

    def variants_json(self) -> str:
        return json.dumps([v.stored() for v in self.variants], sort_keys=True)


def parse_definition(key: str, variants: list[dict[str, Any]], surface: str = "recommendations",
                     unit_type: str = "shopper") -> Definition:
    """A checked :class:`Definition`.

    Args:
        key: the experiment's key.
        variants: each variant's fields (``key``, ``share``, ``strategy``, ``modelVersion``,
            ``weights``); the first is the control.
        surface: recommendations, search or similarProducts.
        unit_type: shopper or session.

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
    """``KEY:SHARE:STRATEGY[:MODEL_VERSION | :NAME=W,NAME=W]`` from the command line as a
    variant's fields (the last part is search weights when it holds ``=``).

    Raises:
        ExperimentError: the flag has the wrong number of parts, a share or weight that is no number.
    """
    parts = text.split(":")
    if len(parts) not in (3, 4):
        raise ExperimentError(
            f"--variant {text!r}: expected KEY:SHARE:STRATEGY[:MODEL_VERSION or :WEIGHTS], e.g. "
            "model:0.5:model, pop:0.5:popularity, text:0.5:search:popularity=0.3 or look:0.5:look "
            f"(strategies: {', '.join(STRATEGIES)})")
    try:
        share = float(parts[1])
    except ValueError as e:
        raise ExperimentError(f"--variant {text!r}: share {parts[1]!r} is not a number") from e
    fields: dict[str, Any] = {"key": parts[0], "share": share, "strategy": parts[2]}
    if len(parts) == 4 and "=" in parts[3]:
        fields["weights"] = _weights_flag(text, parts[3])
    elif len(parts) == 4:
        fields["modelVersion"] = parts[3]
    return fields


def _weights_flag(text: str, part: str) -> dict[str, float]:
    weights: dict[str, float] = {}
    for pair in part.split(","):
        name, _, value = pair.partition("=")
        try:
            weights[name.strip()] = float(value)
        except ValueError as e:
            raise ExperimentError(f"--variant {text!r}: weight {pair!r} is not NAME=NUMBER") from e
    return weights


def stored_variants(text: str | None) -> list[Variant]:
    """The variants of a stored experiment (its ``variants`` JSON string)."""
    try:
        return [Variant.model_validate(v) for v in json.loads(text or "[]")]
    except (ValueError, ValidationError) as e:
        raise ExperimentError(f"a stored experiment's variants are not valid: {e}") from e


def _part(p: Any) -> str:
    return f"[{p}]" if isinstance(p, int) else str(p)
