"""``docker-compose.yml`` speaks the same settings as the project (no Docker engine needed).

There is no Docker on our machines, so these checks read the file: it parses, every variable it
passes or interpolates is one ``borderless/settings.py`` (or the API's settings) reads, no secret
is written in it, and Neo4j is published on loopback only.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic_settings import BaseSettings

from api.settings import ApiSettings
from borderless.settings import REPO_ROOT, Settings

yaml = pytest.importorskip("yaml")

COMPOSE = REPO_ROOT / "docker-compose.yml"
_INTERPOLATED = re.compile(r"\$\{([A-Z0-9_]+)")


def _env_names(model: type[BaseSettings]) -> set[str]:
    """The environment variables a settings class reads."""
    prefix = model.model_config.get("env_prefix", "")
    names: set[str] = set()
    for name, field in model.model_fields.items():
        alias = field.validation_alias
        choices = getattr(alias, "choices", None)
        names.update(choices if choices else [f"{prefix}{name}".upper()])
    return names


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_services_and_refresh_profile(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"neo4j", "api", "refresh"}
    assert services["neo4j"]["image"] == "neo4j:5.26-community"
    assert services["neo4j"]["environment"]["NEO4J_PLUGINS"] == '["apoc"]'
    assert services["refresh"]["profiles"] == ["refresh"]
    assert services["refresh"]["command"] == ["borderless", "refresh"]
    assert "borderless serve --host 0.0.0.0" in " ".join(services["api"]["command"])
    for name in ("api", "refresh"):
        assert services[name]["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"


def test_every_variable_is_one_the_project_reads(compose: dict[str, Any]) -> None:
    known = _env_names(Settings) | _env_names(ApiSettings)
    interpolated = set(_INTERPOLATED.findall(COMPOSE.read_text(encoding="utf-8")))
    passed = {
        key for svc in ("api", "refresh") for key in compose["services"][svc]["environment"]
    }
    assert interpolated, "the file should take its settings from the environment"
    assert interpolated | passed <= known, sorted((interpolated | passed) - known)


def test_no_secret_in_the_file_and_loopback_only(compose: dict[str, Any]) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")
    for svc in ("api", "refresh"):
        assert compose["services"][svc]["environment"]["NEO4J_PASSWORD"].startswith("${")
    published = neo4j["ports"] + compose["services"]["api"]["ports"]
    assert published and all(port.startswith("127.0.0.1:") for port in published)
    assert neo4j["environment"]["NEO4J_dbms_usage__report_enabled"] == "false"
    ignored = (REPO_ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in ignored, "the image must never carry the user's secrets"
