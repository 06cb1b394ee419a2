"""``scripts/install_venv.py``, which `make setup` uses: uv reaches packages the way pip is
configured to, and pip installs the same pins when uv cannot be had."""

from __future__ import annotations

import importlib.util
import stat
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "install_venv.py"
spec = importlib.util.spec_from_file_location("install_venv", SCRIPT)
assert spec and spec.loader
install_venv = importlib.util.module_from_spec(spec)
spec.loader.exec_module(install_venv)


def test_pip_variables_override_install_and_global_sections() -> None:
    listing = "\n".join([
        "global.index-url='https://global.example/simple'",
        "install.index-url='https://install.example/simple'",
        ":env:.index-url='https://env.example/simple'",
        "global.cert='/etc/ssl/certs/ca-certificates.crt'",
        "install.timeout='60'",
        "freeze.index-url='https://not-for-install.example/simple'",
    ])
    assert install_venv.pip_settings(listing) == {
        "index-url": "https://env.example/simple",
        "cert": "/etc/ssl/certs/ca-certificates.crt",
        "timeout": "60",
    }


def test_uv_gets_pips_index_certificate_links_hosts_and_timeout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    flags, env = install_venv.uv_options({
        "index-url": "https://mirror.example/simple",
        "extra-index-url": "https://a.example/simple https://b.example/simple",
        "find-links": f"{wheels} {tmp_path / 'missing'} https://links.example/",
        "trusted-host": "mirror.example",
        "cert": "/etc/ssl/certs/ca-certificates.crt",
        "default-timeout": "180",
    })
    assert flags == [
        "--index-url", "https://mirror.example/simple",
        "--extra-index-url", "https://a.example/simple",
        "--extra-index-url", "https://b.example/simple",
        "--index-strategy", "unsafe-best-match",
        "--find-links", str(wheels), "--find-links", "https://links.example/",
        "--allow-insecure-host", "mirror.example",
    ]
    assert env == {"SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt", "UV_HTTP_TIMEOUT": "180"}


def test_no_pip_configuration_means_uvs_defaults() -> None:
    assert install_venv.uv_options(install_venv.pip_settings("")) == ([], {})


def _fake_pip(venv: Path, log: Path, refuse_uv: bool) -> None:
    """A venv whose pip logs its arguments and, when asked, has no uv to offer."""
    (venv / "bin").mkdir(parents=True)
    pip = venv / "bin" / "pip"
    refuse = f'case "$*" in *{install_venv.UV_PIN}*) echo "ERROR: No matching distribution" >&2; exit 1;; esac\n'
    pip.write_text("#!/bin/sh\n" + (refuse if refuse_uv else "") + f'echo "$*" >> {log}\n')
    pip.chmod(pip.stat().st_mode | stat.S_IEXEC)


def test_without_uv_pip_installs_the_same_pins_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "pip.log"
    _fake_pip(tmp_path / "venv", log, refuse_uv=True)
    assert install_venv.main([str(tmp_path / "venv")]) == 0
    said = capsys.readouterr().out.strip().splitlines()
    assert len(said) == 1 and "could not be installed" in said[0] and "No matching distribution" in said[0]
    assert log.read_text().splitlines() == [
        "install --quiet --upgrade pip",
        "install --quiet -c requirements.lock -e .[test,speech]",
        "install --quiet --no-deps -c requirements.lock gbstats",
    ]
