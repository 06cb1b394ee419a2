"""Schema guards for language-model Cypher: names that exist, on the labels they are read from.

The live schema comes from ``cypher/queries/nlq_schema_names.cypher``: labels, relationship
types, and the property keys each label and each type carries. Three checks follow from it:

- every label, type and property the statement names exists somewhere (the model invents);
- a property read from a variable bound to a label (``(c:Country) ... c.name_en``) or a
  relationship type exists on that label or type: ``name_en`` is a key of categories, so the
  global check alone would let a wrong answer through;
- personal data is for admins: shoppers (and the benchmark's users), what links them
  (``LIVES_IN``, ``WROTE``, ``INTERACTED``, ``VISITED``, any type touching such a label) and the
  properties only they carry are hidden from a catalog manager's schema, prompt and statements.

Parsing is by pattern on the statement's code (string literals blanked by ``guards.check_text``),
so it errs towards refusing; ``EXPLAIN`` checks the same things on the plan (``guard_plan.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from api.nlq.guards import Refused

ADMIN = "admin"
# Labels whose nodes are people, and relationship types that say what a person did or where
# they live. Types that touch a personal label in the live graph are added to these.
PERSONAL_LABELS = frozenset({"Shopper", "GowallaUser"})
PERSONAL_TYPES = frozenset({"LIVES_IN", "WROTE", "INTERACTED", "VISITED"})

_NAME = r"[A-Za-z_]\w*"
# "(v:A|B)", "[r:T]", "(:A)": the variable (maybe none) and the names after the colon.
_BOUND = re.compile(rf"[(\[]\s*({_NAME})?\s*:\s*({_NAME}(?:\s*[|&:]\s*{_NAME})*)")
# "WHERE v:A", "AND v:A": a label test binds too.
_LABEL_TEST = re.compile(rf"\b(?:WHERE|AND|OR|NOT|WHEN|XOR)\s+({_NAME})\s*:\s*({_NAME})",
                         re.IGNORECASE)
_PROPERTY = re.compile(rf"(?<![\w.$])({_NAME})\.({_NAME})\b(?!\s*[.(])")
# "(v:A {key: value})": the keys of a pattern's map, with the pattern's variable and names.
_PATTERN_MAP = re.compile(rf"[(\[]\s*({_NAME})?\s*(?::\s*({_NAME}(?:\s*[|&:]\s*{_NAME})*))?"
                          r"[^()\[\]{}]*\{([^{}]*)\}")
_MAP_KEY = re.compile(rf"({_NAME})\s*:")
# A relationship pattern with no type: -[]-, -[r]->, -->, <--, --.
_UNTYPED = re.compile(r"<?-\s*\[\s*(?:[A-Za-z_]\w*)?\s*(?:\*[^\]]*)?\]\s*->?|<?-->?|<--")


@dataclass(frozen=True)
class Schema:
    """What the live graph holds, as the caller may see it.

    Attributes:
        labels, relationship_types, properties: every name a statement may use.
        label_properties, type_properties: the keys each label and each type carries.
        hidden: labels and types withheld from this caller (personal data).
        hidden_properties: keys only those carry, withheld too.
    """

    labels: frozenset[str]
    relationship_types: frozenset[str]
    properties: frozenset[str]
    label_properties: Mapping[str, frozenset[str]] = field(default_factory=dict)
    type_properties: Mapping[str, frozenset[str]] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()
    hidden_properties: frozenset[str] = frozenset()

    @classmethod
    def from_rows(cls, names: dict[str, Any]) -> Schema:
        """The schema from ``nlq_schema_names``'s row."""
        def keyed(rows: list[dict[str, Any]], key: str) -> dict[str, frozenset[str]]:
            return {r[key]: frozenset(p for p in r["properties"] if p) for r in rows}
        return cls(frozenset(names["labels"]), frozenset(names["types"]),
                   frozenset(names["properties"]), keyed(names["label_properties"], "label"),
                   keyed(names["type_properties"], "type"))

    def for_role(self, role: str, links: list[dict[str, str]]) -> Schema:
        """The schema a caller of ``role`` may use: all of it for admins, no personal data else.

        Args:
            role: the caller's role (``admin``, ``catalog_manager``).
            links: ``{start, type, end}`` rows: which labels each relationship type links.
        """
        if role.lower() == ADMIN:
            return self
        labels = PERSONAL_LABELS & self.labels
        types = (PERSONAL_TYPES | {link["type"] for link in links
                                   if {link["start"], link["end"]} & PERSONAL_LABELS})
        types &= self.relationship_types
        shown_labels = {k: v for k, v in self.label_properties.items() if k not in labels}
        shown_types = {k: v for k, v in self.type_properties.items() if k not in types}
        visible = set().union(*shown_labels.values(), *shown_types.values())
        personal = set().union(*(v for k, v in self.label_properties.items() if k in labels),
                               *(v for k, v in self.type_properties.items() if k in types))
        hidden_keys = (personal - visible) if self.label_properties else set()
        return Schema(self.labels - labels, self.relationship_types - types,
                      self.properties - hidden_keys, shown_labels, shown_types,
                      frozenset(labels | types), frozenset(hidden_keys))


def bindings(code: str) -> dict[str, set[str]]:
    """Which labels or relationship types each variable is bound to in the statement's patterns."""
    bound: dict[str, set[str]] = {}
    for match in _BOUND.finditer(code):
        if match.group(1):
            bound.setdefault(match.group(1), set()).update(_split_names(match.group(2)))
    for match in _LABEL_TEST.finditer(code):
        bound.setdefault(match.group(1), set()).add(match.group(2))
    return bound


def names_used(code: str) -> tuple[set[str], set[str]]:
    """(labels or relationship types, property keys) the statement's code mentions."""
    types: set[str] = set()
    for match in _BOUND.finditer(code):
        types.update(_split_names(match.group(2)))
    types.update(m.group(2) for m in _LABEL_TEST.finditer(code))
    properties = {m.group(2) for m in _PROPERTY.finditer(code)}
    for pattern_map in _PATTERN_MAP.finditer(code):  # (n:Label {key: value}) keys are properties
        properties.update(_MAP_KEY.findall(pattern_map.group(3)))
    return types, properties


def check_schema(code: str, schema: Schema) -> None:
    """Refuse names the caller's schema lacks, and properties read from the wrong label.

    Raises:
        Refused: guard ``personal-data``, ``names``, ``properties`` or ``label-properties``.
    """
    types, properties = names_used(code)
    if schema.hidden:
        # Label and type names are refused wherever they stand (WHERE n:Shopper, EXISTS {...}).
        personal = sorted(set(re.findall(_NAME, code)) & schema.hidden
                          | properties & schema.hidden_properties)
        if personal:
            raise Refused(f"{', '.join(personal)}: shoppers' personal data is for admins only",
                          "personal-data")
        untyped = _UNTYPED.search(code)
        if untyped:
            raise Refused(f"relationship without a type ({untyped.group(0).strip()}) could reach "
                          "shoppers' personal data, which is for admins only", "personal-data")
    unknown = sorted(t for t in types if t not in schema.labels | schema.relationship_types)
    if unknown:
        raise Refused(f"unknown label or relationship type(s): {', '.join(unknown)}", "names")
    unknown = sorted(p for p in properties if p not in schema.properties)
    if unknown:
        raise Refused(f"unknown property key(s): {', '.join(unknown)}", "properties")
    _check_properties_per_label(code, schema)


def _check_properties_per_label(code: str, schema: Schema) -> None:
    if not schema.label_properties and not schema.type_properties:
        return
    bound = bindings(code)
    used = [(m.group(1), m.group(2)) for m in _PROPERTY.finditer(code)]
    for pattern_map in _PATTERN_MAP.finditer(code):
        names = _split_names(pattern_map.group(2) or "")
        keys = _MAP_KEY.findall(pattern_map.group(3))
        if pattern_map.group(1):
            used += [(pattern_map.group(1), key) for key in keys]
        elif names:  # (:Country {name_en: ...}) binds no variable but still names its label
            for key in keys:
                _refuse_if_missing(key, names, schema)
    for variable, key in used:
        if variable in bound:
            _refuse_if_missing(key, bound[variable], schema)


def _refuse_if_missing(key: str, names: set[str], schema: Schema) -> None:
    described = [name for name in names
                 if name in schema.label_properties or name in schema.type_properties]
    if not described:
        return  # no node or relationship of these holds any property yet: nothing to compare
    carried: set[str] = set()
    for name in described:
        carried |= schema.label_properties.get(name, frozenset())
        carried |= schema.type_properties.get(name, frozenset())
    if key not in carried:
        on = "|".join(sorted(names))
        have = ", ".join(sorted(carried)) or "none"
        raise Refused(f"property {key!r} does not exist on :{on} (its properties: {have})",
                      "label-properties")


def _split_names(text: str) -> set[str]:
    return {part.strip() for part in re.split(r"[|&:]", text) if part.strip()}
