# The Borderless image for docker-compose.yml: the API (`borderless serve`), the one-shot `init`
# service (schema, taxonomy, demo shop, text index, first model) and the refresh job.
# Neo4j runs in its own container (docker/neo4j.Dockerfile), so no Java or Maven here.

# GraphiQL's React and GraphiQL files, from the npm registry, pinned and sha512-checked by
# api/graphiql_assets.py (standard library only, so it runs before any dependency is installed).
FROM python:3.11-slim-bookworm AS graphiql
# Debian's versions are not pinned (hadolint DL3008): bookworm's mirrors drop old point releases,
# so a pin breaks the build within months; the stage's output is checked by its sha512 sums.
# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y --no-install-recommends npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY borderless/__init__.py borderless/errors.py borderless/
COPY api/__init__.py api/graphiql_assets.py api/
RUN python -m api.graphiql_assets /graphiql

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BORDERLESS_STATE_DIR=/var/lib/borderless

# espeak-ng: /voice/speak's voices (a separate GPL program; Piper, the English voice, is the
# optional `speech` extra and not in this image, so English is spoken by espeak-ng here).
# Not pinned to a Debian version (hadolint DL3008), for the reason given in the first stage.
# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y --no-install-recommends espeak-ng \
    && rm -rf /var/lib/apt/lists/*

# A fixed numeric id (hadolint DL3066): hosts and orchestrators that check `runAsNonRoot`
# resolve a number, not a name that exists only inside the image.
RUN useradd --system --uid 10001 --create-home --home-dir /home/borderless borderless \
    && mkdir -p /var/lib/borderless && chown borderless /var/lib/borderless

WORKDIR /app
# Dependencies first, from the lock file (the versions `make test` passed with), so a code change
# does not reinstall them. The stub package lets pip resolve the project's own dependencies.
COPY pyproject.toml requirements.lock /app/
RUN mkdir -p borderless && printf '__version__ = "0"\n' > borderless/__init__.py \
    && pip install -c requirements.lock -e /app && rm -rf borderless
COPY . /app
# Editable, because the code finds cypher/ and other data files next to its packages.
RUN pip install --no-deps -c requirements.lock -e /app gbstats
COPY --from=graphiql /graphiql /app/.borderless/graphiql

USER 10001
EXPOSE 8000
CMD ["borderless", "serve", "--host", "0.0.0.0", "--port", "8000"]
