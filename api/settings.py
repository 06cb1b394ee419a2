"""The API's own settings, read from the environment like ``borderless.settings``.

They live apart from the project's :class:`~borderless.settings.Settings` so the CLI and loaders
never need a JWT secret. Secrets that are set must be real: a placeholder or a short secret is
refused when the API starts, not discovered by an attacker later.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from borderless.settings import PLACEHOLDER_SECRETS, REPO_ROOT, settings_error

# Roles an API key may carry; shoppers sign in with a JWT naming who they are.
KEY_ROLES = frozenset({"catalog_manager", "admin"})
MIN_SECRET_CHARS = 32
MIN_KEY_CHARS = 24
# Browser origins a development server lets call it: any port on this machine.
LOCALHOST_ORIGINS = r"^https?://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?$"


class ApiSettings(BaseSettings):
    """Every tunable of the GraphQL API, each with a ``BORDERLESS_`` environment variable."""

    model_config = SettingsConfigDict(env_prefix="BORDERLESS_", env_file=".env", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    # Browser origins allowed to call the API (the shop's frontend), as JSON: ["https://..."].
    cors_origins: list[str] = Field(default_factory=list)
    # Origins allowed by pattern; unset in production. Development mode uses LOCALHOST_ORIGINS.
    cors_origin_regex: str | None = None

    # Development mode (`make run`, `borderless serve --dev`): a JWT secret and API keys unset
    # here are taken from generated ones in the state folder, and localhost origins may call.
    dev: bool = False

    # One log line per request (method, path, status, duration, request id), as text or JSON.
    access_log: bool = False
    log_format: Literal["text", "json"] = "text"

    # GraphiQL's React and GraphiQL files, fetched from npm at set-up (api/graphiql_assets.py).
    graphiql_dir: Path = REPO_ROOT / ".borderless" / "graphiql"

    # HS256 secret for shoppers' JWTs; JWT sign-in is off while it is unset.
    jwt_secret: SecretStr | None = None
    jwt_issuer: str = "borderless"
    # API keys for staff tools, as JSON: {"<key>": "catalog_manager" | "admin"}.
    # Kept out of repr: a settings object printed in a traceback or log must not show a key.
    api_keys: dict[str, str] = Field(default_factory=dict, repr=False)

    # Limits every query must stay within.
    max_first: int = Field(default=100, ge=1, le=1000)
    default_first: int = Field(default=20, ge=1, le=100)
    max_depth: int = Field(default=10, ge=2, le=50)
    max_cost: int = Field(default=20_000, ge=10)
    max_tokens: int = Field(default=2_000, ge=50)
    max_aliases: int = Field(default=30, ge=1)
    max_query_chars: int = Field(default=1_000, ge=1, le=10_000)

    # Request bodies above this are refused (413) before any of them is parsed.
    max_body_bytes: int = Field(default=1_048_576, ge=1_024)
    # POST /voice: its body limit instead (30 s of 48 kHz stereo WAV is 5.8 MB), and the longest
    # speech it transcribes (a spoken search or question is a sentence or two).
    max_voice_bytes: int = Field(default=8_388_608, ge=1_024)
    max_voice_seconds: float = Field(default=30.0, gt=0, le=600)
    # Per-client request budgets (API key, else shopper, else client address), in the `limits`
    # notation ("300/minute", "10/second;1000/hour"); "" turns a budget off. `search` and `ask`
    # fields also spend the stricter expensive budget, one unit per field in the operation.
    rate_limit: str = "300/minute"
    rate_limit_expensive: str = "30/minute"
    # Shop events (`recordEvents`): each event spends one unit, so a storefront batching its
    # events costs the same as one sending them one by one.
    rate_limit_events: str = "6000/minute"
    # /metrics labels: operation names allowed as labels (JSON list); when empty, the first
    # `metrics_max_operations` well-formed names seen get their own label, the rest `other`.
    metrics_operations: list[str] = Field(default_factory=list)
    metrics_max_operations: int = Field(default=50, ge=0, le=1_000)
    # Load the text embedder and language model at start-up, in a worker thread.
    warm_models: bool = True

    # Anonymous catalog reads kept by the server (api/cache.py), keyed on the request and the
    # catalog version every write raises, so never stale; 0 turns the cache off.
    catalog_cache_entries: int = Field(default=5_000, ge=0)

    # How long all requests share one read of the exchange rates (they change about daily).
    rates_ttl_s: float = Field(default=60.0, ge=0)

    # Anonymous catalog reads may be cached this long by browsers and CDNs (0: revalidate each
    # time by ETag); how many automatic persisted queries the server remembers (least used go).
    cache_max_age_s: int = Field(default=60, ge=0, le=86_400)
    persisted_queries_max: int = Field(default=10_000, ge=0, le=1_000_000)

    # How fast we give up on an unreachable Neo4j instead of hanging the shop's page.
    neo4j_connect_timeout_s: float = Field(default=2.0, gt=0)
    neo4j_retry_time_s: float = Field(default=1.0, ge=0)

    @field_validator("rate_limit", "rate_limit_expensive", "rate_limit_events")
    @classmethod
    def _rate_notation(cls, value: str) -> str:
        from limits import parse_many

        if value.strip():
            try:
                parse_many(value)
            except ValueError as e:
                raise ValueError(f"{value!r} is not a rate such as '300/minute' or "
                                 f"'10/second;1000/hour'") from e
        return value.strip()

    @field_validator("jwt_secret")
    @classmethod
    def _real_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        secret = value.get_secret_value()
        if secret.lower() in PLACEHOLDER_SECRETS or len(secret) < MIN_SECRET_CHARS:
            raise ValueError(
                f"a placeholder or shorter than {MIN_SECRET_CHARS} characters; generate one "
                f"with `python -c 'import secrets; print(secrets.token_urlsafe(48))'`"
            )
        return value

    @field_validator("api_keys")
    @classmethod
    def _real_keys(cls, keys: dict[str, str]) -> dict[str, str]:
        for key, role in keys.items():
            # Never echo a key, nor a role that is not one of ours (it may be a key pasted in
            # the wrong place): messages end up in logs.
            if role not in KEY_ROLES:
                raise ValueError(f"a key's role is not one of {sorted(KEY_ROLES)}")
            if key.lower() in PLACEHOLDER_SECRETS or len(key) < MIN_KEY_CHARS:
                raise ValueError(f"a key for role {role!r} is a placeholder or shorter "
                                 f"than {MIN_KEY_CHARS} characters")
        return keys


@lru_cache(maxsize=1)
def get_api_settings() -> ApiSettings:
    """The process's API settings, read from the environment on first use."""
    try:
        return ApiSettings()
    except ValueError as e:  # pydantic's ValidationError and SettingsError are ValueErrors
        raise settings_error(ApiSettings, e) from None
