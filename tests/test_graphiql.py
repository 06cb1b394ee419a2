"""GraphiQL is served from this installation: pinned, checksum-verified files, no CDN.

The browser test (``test_browser_graphiql.py``) proves the page runs offline; these check the
page and the fetch without a browser. The fetch tests use a stand-in ``npm`` (a small script
that packs a tarball we choose), since what is under test is our verification, not npm.
"""

from __future__ import annotations

import io
import re
import shutil
import stat
import tarfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.graphiql import WELCOME_QUERY
from api.graphiql_assets import (
    COMPLETE_MARKER,
    PACKAGES,
    AssetError,
    Package,
    assets_ready,
    extract,
    fetch,
    integrity_of,
    verify,
)
from api.settings import ApiSettings
from borderless.settings import Settings

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def assets_dir() -> Path:
    """The installation's fetched assets (``make setup`` fetches them; so does this, with npm)."""
    directory = ApiSettings().graphiql_dir
    if not assets_ready(directory):
        if shutil.which("npm") is None:
            pytest.skip("GraphiQL's assets are not fetched and npm is not installed")
        fetch(directory)
    return directory


def test_the_page_loads_every_file_from_this_server(settings: Settings, assets_dir: Path):
    with TestClient(create_app(settings, ApiSettings(graphiql_dir=assets_dir))) as client:
        page = client.get("/graphql", headers=HTML)
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert len(urls) == 5  # icon, css, react, react-dom, graphiql
        for url in urls:
            if url.startswith("data:"):
                continue
            assert url.startswith("/graphiql/static/"), url
            asset = client.get(url)
            assert asset.status_code == 200, url
            assert len(asset.content) > 1000
        assert "unpkg" not in page.text and "https://" not in page.text.replace(
            "http://www.w3.org/2000/svg", "")


def test_the_query_graphiql_opens_with_runs(settings: Settings, assets_dir: Path):
    with TestClient(create_app(settings, ApiSettings(graphiql_dir=assets_dir))) as client:
        answer = client.post("/graphql", json={"query": WELCOME_QUERY}).json()
    assert not answer.get("errors"), answer
    assert "edges" in answer["data"]["products"]


def test_without_fetched_files_the_page_says_how_to_fetch_them(
    settings: Settings, assets_dir: Path, tmp_path: Path,
):
    later = tmp_path / "graphiql"
    with TestClient(create_app(settings, ApiSettings(graphiql_dir=later))) as client:
        page = client.get("/graphql", headers=HTML)
        assert page.status_code == 200
        assert "make setup" in page.text and "python -m api.graphiql_assets" in page.text
        # The API itself still answers.
        answer = client.post("/graphql", json={"query": "{ __typename }"}).json()
        assert answer["data"] == {"__typename": "Query"}
        # Fetched while the server runs: the next visit gets GraphiQL, no restart needed.
        shutil.copytree(assets_dir, later)
        page = client.get("/graphql", headers=HTML)
        assert "/graphiql/static/graphiql/graphiql.min.js" in page.text
        assert client.get("/graphiql/static/graphiql/graphiql.min.js").status_code == 200


def _tarball(path: Path, files: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return path


def test_a_tarball_is_installed_only_if_it_matches_its_pinned_checksum(tmp_path: Path):
    good = _tarball(tmp_path / "lib-1.0.0.tgz", {"dist/lib.js": b"console.log('lib')"})
    package = Package("lib", "1.0.0", integrity_of(good), ("dist/lib.js",))
    verify(package, good)
    extract(package, good, tmp_path / "out")
    assert (tmp_path / "out" / "lib" / "dist" / "lib.js").read_bytes() == b"console.log('lib')"

    evil = _tarball(tmp_path / "evil.tgz", {"dist/lib.js": b"steal(document.cookie)"})
    with pytest.raises(AssetError, match="expected the pinned"):
        verify(package, evil)


def test_fetch_refuses_what_npm_hands_over_when_it_is_not_the_pinned_release(tmp_path: Path):
    fake_npm = tmp_path / "npm"
    # A stand-in registry that serves a substituted react: same name, other bytes.
    payload = _tarball(tmp_path / "payload.tgz", {"umd/react.production.min.js": b"evil"})
    fake_npm.write_text(
        "#!/bin/sh\n"
        'while [ "$1" != "--pack-destination" ]; do shift; done\n'
        f'for n in {" ".join(f"{p.name}-{p.version}" for p in PACKAGES)}; do '
        f'cp "{payload}" "$2/$n.tgz"; done\n', encoding="utf-8")
    fake_npm.chmod(fake_npm.stat().st_mode | stat.S_IEXEC)
    target = tmp_path / "assets"
    with pytest.raises(AssetError, match=r"react@18\.3\.1.*refusing"):
        fetch(target, npm=str(fake_npm))
    assert not (target / COMPLETE_MARKER).exists()
    assert not assets_ready(target)


def test_every_pinned_package_has_an_exact_version_and_a_sha512():
    for package in PACKAGES:
        assert re.fullmatch(r"\d+\.\d+\.\d+", package.version), package
        assert package.integrity.startswith("sha512-") and len(package.integrity) == 95
