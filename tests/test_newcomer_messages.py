"""What a newcomer's mistakes print: one clear line naming the setting, never a traceback.

Also the server's own log: an access log with request ids, as text or JSON lines, and
``serve --dev`` as ``make run`` starts it.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest
from api_support import api_shop  # noqa: F401
from fastapi.testclient import TestClient

from api.app import create_app
from api.devsecrets import load_dev_secrets
from api.logs import JsonFormatter
from api.settings import ApiSettings
from borderless import __version__
from borderless.errors import ConfigError, GraphError
from borderless.settings import REPO_ROOT, Settings
from graph.driver import check_uri, open_driver

_SECRET_VARS = ("BORDERLESS_JWT_SECRET", "BORDERLESS_API_KEYS", "BORDERLESS_DEV",
                "BORDERLESS_ACCESS_LOG", "BORDERLESS_LOG_FORMAT")


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in _SECRET_VARS}
    return subprocess.run([sys.executable, "-m", "borderless.cli", *args], cwd=REPO_ROOT,
                          env={**base, **(env or {})}, capture_output=True, text=True, timeout=120,
                          check=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_version():
    done = cli("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"borderless {__version__}"


@pytest.mark.parametrize("uri", ["localhost:7687", "127.0.0.1", "http://localhost:7474",
                                 "bolt://"])
def test_a_neo4j_uri_the_driver_cannot_use_gets_one_line_with_an_example(uri):
    with pytest.raises(ConfigError, match="bolt://localhost:7687"):
        check_uri(uri)
    done = cli("stats", env={"NEO4J_URI": uri, "NEO4J_PASSWORD": "a-real-password-123"})
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "NEO4J_URI" in done.stderr, done.stderr


def test_serve_with_a_uri_without_scheme_says_so_before_starting():
    done = cli("serve", "--port", str(_free_port()),
               env={"NEO4J_URI": "localhost:7687", "NEO4J_PASSWORD": "a-real-password-123"})
    assert done.returncode == 2
    assert "bolt://localhost:7687" in done.stderr and "Traceback" not in done.stderr
    assert "/graphql" not in done.stdout


def test_a_neo4j_uri_never_shows_its_password():
    with pytest.raises(ConfigError) as caught:
        check_uri("http://shop:hunter2-secret@db.example:7474")
    assert "hunter2-secret" not in str(caught.value)


def test_valid_uris_pass():
    for uri in ("bolt://localhost:7687", "neo4j+s://abc.databases.neo4j.io", "bolt+ssc://h:1"):
        check_uri(uri)


def test_a_wrong_database_name_says_which_databases_exist(settings: Settings, driver):
    wrong = settings.model_copy(update={"neo4j_database": "shopdb-typo"})
    with pytest.raises(GraphError) as caught, open_driver(wrong):
        pass
    message = str(caught.value)
    assert "no database 'shopdb-typo'" in message and "NEO4J_DATABASE" in message
    assert f"offers: {settings.neo4j_database}" in message


def test_serve_on_a_busy_port_says_so_before_claiming_to_serve():
    port = _free_port()
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", port))
        holder.listen()
        done = cli("serve", "--port", str(port))
    assert done.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert "/graphql" not in done.stdout  # no URL printed for a server that never ran


def test_access_log_names_method_path_status_duration_and_request_id(api_shop, settings, caplog):
    with caplog.at_level(logging.INFO, logger="borderless.access"), TestClient(
            create_app(settings, ApiSettings(access_log=True))) as client:
        response = client.post("/graphql?token=never-logged", headers={"X-Request-ID": "req-42"},
                               json={"query": '{ product(id: "apit-p-01") { id } }'})
    assert response.status_code == 200
    [record] = [r for r in caplog.records if r.name == "borderless.access"]
    fields = record.fields
    assert fields["method"] == "POST" and fields["path"] == "/graphql"
    assert fields["status"] == 200 and fields["request_id"] == "req-42"
    assert fields["duration_ms"] >= 0
    line = json.loads(JsonFormatter().format(record))
    assert line["logger"] == "borderless.access" and line["request_id"] == "req-42"
    assert "never-logged" not in record.getMessage() + json.dumps(line)


def test_no_access_log_unless_asked(api_shop, settings, caplog):
    with caplog.at_level(logging.INFO, logger="borderless.access"), TestClient(
            create_app(settings, ApiSettings())) as client:
        client.get("/healthz")
    assert not [r for r in caplog.records if r.name == "borderless.access"]


def test_serve_dev_as_make_run_starts_it(api_shop, settings):
    """Development secrets work, JSON access lines carry the request id, no secret is printed."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in _SECRET_VARS}
    env["BORDERLESS_LOG_FORMAT"] = "json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "borderless.cli", "serve", "--dev", "--access-log",
         "--port", str(port)], cwd=REPO_ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        key = load_dev_secrets(settings).key_for("catalog_manager")
        response = httpx.post(f"{base}/graphql", timeout=30, headers={"X-API-Key": key},
                              json={"query": '{ user(id: "apit-s-2") { id } }'})
        assert response.json()["data"] == {"user": {"id": "apit-s-2"}}
        request_id = response.headers["x-request-id"]
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0].decode(errors="replace")
    dev = load_dev_secrets(settings)
    for secret in (dev.jwt_secret, *dev.api_keys):
        assert secret not in output  # never printed whole
    access = [json.loads(line) for line in output.splitlines()
              if line.startswith("{") and '"borderless.access"' in line]
    assert any(a["request_id"] == request_id and a["status"] == 200 and a["path"] == "/graphql"
               for a in access), output
    assert f"http://127.0.0.1:{port}/graphql" in output


def test_load_catalog_shows_the_first_reasons_on_screen_not_only_in_the_file(driver, settings,
                                                                           tmp_path):
    # `color` for `colour`: the "did you mean" was written to the quarantine file only, and the
    # screen said "1 row(s) quarantined: see <file>".
    import io

    from loaders.catalog import load_catalog

    folder = tmp_path / "shop"
    folder.mkdir()
    rows = [{"id": f"nwc-p-{i}", "brand_id": "nwc-b", "category_id": "nwc-c", "price": 1,
             "currency": "EUR", "titles": {"en": "x"}, "color": "red"} for i in range(5)]
    (folder / "products.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows),
                                           encoding="utf-8")
    report = load_catalog(driver, settings, folder, quarantine=tmp_path / "q.jsonl",
                          progress=False)
    out = io.StringIO()
    report.print_summary(out)
    shown = out.getvalue()
    assert "products.jsonl:1 color: not a field of this file; did you mean 'colour'?" in shown
    assert shown.count("did you mean 'colour'") == 1  # one line per distinct reason
