"""Development secrets: what makes every part of the API reachable right after ``make run``.

Without a JWT secret and API keys a fresh server serves only the anonymous catalog. In
development mode (``borderless serve --dev``, which ``make run`` uses) the server fills whatever
the environment leaves unset from one generated file in the state folder::

    <state dir>/api/dev-secrets.json    mode 600, created once, never printed whole
    {"jwt_secret": "...", "api_keys": {"<key>": "catalog_manager", "<key>": "admin"}}

``borderless token`` and ``borderless key`` read the same file, so what they print is what the
development server accepts. Production servers never read it: they take their secrets from the
environment only (``BORDERLESS_JWT_SECRET``, ``BORDERLESS_API_KEYS``).
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from api.settings import LOCALHOST_ORIGINS, ApiSettings
from borderless.errors import ConfigError
from borderless.settings import Settings

ROLES = ("catalog_manager", "admin")


@dataclass(frozen=True)
class DevSecrets:
    """The generated development JWT secret and one API key per staff role."""

    path: Path
    jwt_secret: str
    api_keys: dict[str, str]

    def key_for(self, role: str) -> str:
        """The development API key of ``role``."""
        return next(key for key, held in self.api_keys.items() if held == role)


def dev_secrets_path(settings: Settings) -> Path:
    """Where the development secrets of this state folder live."""
    return settings.state_dir / "api" / "dev-secrets.json"


def load_dev_secrets(settings: Settings) -> DevSecrets:
    """The state folder's development secrets, generated on first use (mode 600).

    Raises:
        ConfigError: the file exists but others may read it, or it is not what we wrote.
    """
    path = dev_secrets_path(settings)
    if not path.exists():
        _create(path)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ConfigError(f"{path} is readable by other users (mode {mode:o}); "
                          f"run `chmod 600 {path}` or delete it to have new secrets generated")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        found = DevSecrets(path, str(raw["jwt_secret"]), {str(k): str(v)
                                                          for k, v in raw["api_keys"].items()})
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise ConfigError(f"{path} is not a development secrets file ({e.__class__.__name__}); "
                          f"delete it to have new secrets generated") from e
    if sorted(found.api_keys.values()) != sorted(ROLES):
        raise ConfigError(f"{path} should hold one API key per role {list(ROLES)}; delete it "
                          f"to have new secrets generated")
    return found


def _create(path: Path) -> None:
    """Write fresh secrets, readable by the owner only, without ever racing another writer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    content = json.dumps({
        "jwt_secret": secrets.token_urlsafe(48),
        "api_keys": {f"dev-{role}-{secrets.token_urlsafe(24)}": role for role in ROLES},
    }, indent=2)
    try:
        # O_EXCL: two workers starting at once must agree on one file, not overwrite each other.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(content + "\n")


def with_dev_secrets(api: ApiSettings, dev: DevSecrets) -> ApiSettings:
    """``api`` with what the environment left unset filled from the development secrets."""
    update: dict[str, object] = {}
    if api.jwt_secret is None:
        update["jwt_secret"] = SecretStr(dev.jwt_secret)
    if not api.api_keys:
        update["api_keys"] = dict(dev.api_keys)
    if api.cors_origin_regex is None:
        update["cors_origin_regex"] = LOCALHOST_ORIGINS
    return api.model_copy(update=update)

