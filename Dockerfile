# The Borderless image for docker-compose.yml: the API (`borderless serve`) and the refresh job.
# Neo4j runs in its own container (neo4j:5.26-community), so no Java or Maven here.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BORDERLESS_STATE_DIR=/var/lib/borderless

RUN useradd --system --create-home --home-dir /home/borderless borderless \
    && mkdir -p /var/lib/borderless && chown borderless /var/lib/borderless

WORKDIR /app
COPY . /app
# Editable, because the code finds cypher/ and other data files next to its packages.
RUN pip install -e /app

USER borderless
EXPOSE 8000
CMD ["borderless", "serve", "--host", "0.0.0.0", "--port", "8000"]
