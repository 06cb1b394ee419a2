"""Settings: secrets are refused when they are placeholders, and an external Neo4j wins."""

from __future__ import annotations

import pytest

from borderless.errors import ConfigError
from borderless.settings import Settings


def test_placeholder_password_is_refused(tmp_path):
    s = Settings(state_dir=tmp_path, neo4j_password="neo4j")
    with pytest.raises(ConfigError, match="placeholder"):
        s.neo4j_auth()


def test_external_uri_needs_a_password(tmp_path):
    s = Settings(state_dir=tmp_path, neo4j_uri="neo4j+s://example.databases.neo4j.io")
    assert s.external_neo4j
    assert s.bolt_uri() == "neo4j+s://example.databases.neo4j.io"
    with pytest.raises(ConfigError, match="NEO4J_PASSWORD is not"):
        s.neo4j_auth()


def test_generated_password_is_read_from_the_state_folder(tmp_path):
    s = Settings(state_dir=tmp_path)
    with pytest.raises(ConfigError, match="borderless db start"):
        s.neo4j_auth()
    s.password_file.parent.mkdir(parents=True)
    s.password_file.write_text("a-real-generated-secret\n")
    assert s.neo4j_auth() == ("neo4j", "a-real-generated-secret")


def test_environment_names(monkeypatch, tmp_path):
    monkeypatch.setenv("NEO4J_URI", "bolt://db.internal:7687")
    monkeypatch.setenv("NEO4J_USERNAME", "shop")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-from-vault")
    monkeypatch.setenv("BORDERLESS_BATCH_SIZE", "250")
    monkeypatch.setenv("BORDERLESS_BASE_CURRENCY", "usd")
    s = Settings()
    assert s.neo4j_auth() == ("shop", "s3cret-from-vault")
    assert s.batch_size == 250 and s.base_currency == "USD"
    assert "s3cret" not in repr(s)


def test_bad_currency_setting(monkeypatch):
    monkeypatch.setenv("BORDERLESS_BASE_CURRENCY", "euro")
    with pytest.raises(ValueError, match="3-letter"):
        Settings()


def test_a_fetch_counts_only_when_complete_and_for_the_current_pom(tmp_path):
    from graph.server import Neo4jServer, _pom_digest

    server = Neo4jServer(Settings(state_dir=tmp_path))
    server.lib_dir.mkdir(parents=True)
    (server.lib_dir / "neo4j-server-5.26.30.jar").write_bytes(b"")  # a fetch cut short
    assert not server.installed()
    server.install_marker.write_text("digest-of-an-older-pom")
    assert not server.installed()
    server.install_marker.write_text(_pom_digest())
    assert server.installed()
