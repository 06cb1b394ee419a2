"""``docker-compose.yml`` speaks the same settings as the project (no Docker engine needed).

There is no Docker on our machines, so these checks read the files: the compose file parses,
every variable it passes or interpolates is one ``borderless/settings.py`` (or the API's
settings) reads, no secret is written in it, Neo4j is published on loopback only, its image is
the version the Maven pom pins with APOC bundled at build time, a one-shot ``init`` loads the
shop before the API starts, and the image installs from the lock file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from pydantic_settings import BaseSettings

from api.settings import ApiSettings
from borderless.settings import REPO_ROOT, Settings

yaml = pytest.importorskip("yaml")

COMPOSE = REPO_ROOT / "docker-compose.yml"
NEO4J_DOCKERFILE = REPO_ROOT / "docker" / "neo4j.Dockerfile"
POM = REPO_ROOT / "graph" / "server" / "pom.xml"
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


APP_SERVICES = ("init", "api", "refresh")


def _pom_neo4j_version() -> str:
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    found = ET.parse(POM).getroot().find("m:properties/m:neo4j.version", ns)
    assert found is not None and found.text, "graph/server/pom.xml pins neo4j.version"
    return found.text


def test_services_and_refresh_profile(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"neo4j", "init", "api", "refresh"}
    assert services["refresh"]["profiles"] == ["refresh"]
    assert services["refresh"]["command"] == ["borderless", "refresh"]
    assert "borderless serve --host 0.0.0.0" in " ".join(services["api"]["command"])
    for name in APP_SERVICES:
        assert services[name]["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"


def test_neo4j_is_the_poms_version_with_apoc_bundled_not_downloaded(compose: dict[str, Any]) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["build"] == {"context": "docker", "dockerfile": "neo4j.Dockerfile"}
    base = re.findall(r"^FROM\s+(\S+)", NEO4J_DOCKERFILE.read_text(encoding="utf-8"),
                      re.MULTILINE)
    assert base == [f"neo4j:{_pom_neo4j_version()}-community"]
    assert neo4j["image"].endswith(f":{_pom_neo4j_version()}")
    # NEO4J_PLUGINS makes the container fetch plugins when it starts; APOC is in the image instead.
    assert "NEO4J_PLUGINS" not in neo4j["environment"]
    assert "labs/apoc-*-core.jar" in NEO4J_DOCKERFILE.read_text(encoding="utf-8")


def test_init_loads_the_shop_before_the_api_starts(compose: dict[str, Any]) -> None:
    services = compose["services"]
    init = services["init"]
    script = " ".join(init["command"])
    steps = ["borderless db schema", "borderless load taxonomy", "borderless load demo",
             "borderless load text-index", "borderless refresh"]
    positions = [script.find(step) for step in steps]
    assert -1 not in positions and positions == sorted(positions), script
    assert init["restart"] == "no"
    assert services["api"]["depends_on"]["init"] == {"condition": "service_completed_successfully"}
    assert services["api"]["depends_on"]["neo4j"] == {"condition": "service_healthy"}
    # The taxonomy is read from the shared data folder, mounted read-only where settings look.
    assert init["environment"]["BORDERLESS_SHARED_DATA_DIR"] == "/shared/data"
    assert any(v.endswith(":/shared/data:ro") for v in init["volumes"])


def test_the_image_installs_from_the_lock_file_and_carries_graphiql() -> None:
    dockerfile = (REPO_ROOT / "Dockerfile").read_text(encoding="utf-8")
    installs = [line for line in dockerfile.splitlines() if "pip install" in line]
    assert installs and all("-c requirements.lock" in line for line in installs), installs
    assert "python -m api.graphiql_assets" in dockerfile
    assert "COPY --from=graphiql" in dockerfile


def test_every_variable_is_one_the_project_reads(compose: dict[str, Any]) -> None:
    known = _env_names(Settings) | _env_names(ApiSettings)
    interpolated = set(_INTERPOLATED.findall(COMPOSE.read_text(encoding="utf-8")))
    passed = {
        key for svc in APP_SERVICES for key in compose["services"][svc]["environment"]
    }
    assert interpolated, "the file should take its settings from the environment"
    assert interpolated | passed <= known, sorted((interpolated | passed) - known)


def test_no_secret_in_the_file_and_loopback_only(compose: dict[str, Any]) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")
    for svc in APP_SERVICES:
        assert compose["services"][svc]["environment"]["NEO4J_PASSWORD"].startswith("${")
    published = neo4j["ports"] + compose["services"]["api"]["ports"]
    assert published and all(port.startswith("127.0.0.1:") for port in published)
    assert neo4j["environment"]["NEO4J_dbms_usage__report_enabled"] == "false"
    ignored = (REPO_ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in ignored, "the image must never carry the user's secrets"


def test_the_dockerfiles_keep_what_hadolint_asked() -> None:
    # hadolint 2.15.1 found these (DL4006, DL3066); the files were fixed, this keeps them so.
    neo4j = NEO4J_DOCKERFILE.read_text(encoding="utf-8")
    shell = neo4j.find('SHELL ["/bin/bash", "-o", "pipefail", "-c"]')
    piped = [m.start() for m in re.finditer(r"^RUN .*(?:\n\s+.*)*", neo4j, re.MULTILINE)
             if "|" in m.group(0)]
    assert piped and shell != -1 and shell < min(piped), "a piped RUN needs pipefail first"
    app = (REPO_ROOT / "Dockerfile").read_text(encoding="utf-8")
    users = re.findall(r"^USER\s+(\S+)", app, re.MULTILINE)
    uid = re.search(r"useradd[^\n]*--uid (\d+)", app)
    assert uid is not None and users == [uid.group(1)], (users, uid)
    # Every unpinned apt-get install says why (DL3008 is ignored on purpose, never silently).
    for match in re.finditer(r"^RUN apt-get", app, re.MULTILINE):
        before = app[:match.start()].rstrip().splitlines()[-1]
        assert before == "# hadolint ignore=DL3008", before
