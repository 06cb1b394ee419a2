"""GraphiQL's documentation pane reads like documentation: every type, field, argument and enum
value of the schema has a description (found through introspection, as GraphiQL finds them)."""

from __future__ import annotations

from api_support import api_settings, api_shop, client, data, gql  # noqa: F401

INTROSPECT = """{ __schema { types {
  name kind description
  fields(includeDeprecated: true) { name description args { name description } }
  inputFields { name description }
  enumValues(includeDeprecated: true) { name description } } } }"""

BUILT_IN = {"String", "Int", "Float", "Boolean", "ID"}


def _undocumented(types: list[dict]) -> list[str]:
    missing = []
    for t in types:
        name = t["name"]
        if name.startswith("__") or name in BUILT_IN:
            continue
        if not t["description"]:
            missing.append(name)
        for f in t["fields"] or []:
            if not f["description"]:
                missing.append(f"{name}.{f['name']}")
            missing += [f"{name}.{f['name']}({a['name']})" for a in f["args"]
                        if not a["description"]]
        missing += [f"{name}.{f['name']}" for f in t["inputFields"] or [] if not f["description"]]
        missing += [f"{name}.{v['name']}" for v in t["enumValues"] or [] if not v["description"]]
    return missing


def test_every_type_field_argument_and_enum_value_is_described(client):
    types = data(gql(client, INTROSPECT))["__schema"]["types"]
    assert len(types) > 40  # the whole schema came back, not an empty answer
    assert _undocumented(types) == []
