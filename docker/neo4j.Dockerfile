# Neo4j for docker-compose.yml: the server version graph/server/pom.xml pins for `make run`
# (tests/test_compose.py checks they agree), with APOC core bundled at build time. The image ships
# APOC core, built for exactly this server version, in its labs folder; copying it into the
# plugins folder here means no container ever downloads a plugin at start (NEO4J_PLUGINS would).
FROM neo4j:5.26.30-community

# A failing command inside a pipe must fail the build (hadolint DL4006); the image has bash.
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# The image's entrypoint uses /plugins when it exists, else the home's plugins folder: fill both.
RUN set -eu; \
    jars=$(ls /var/lib/neo4j/labs/apoc-*-core.jar); \
    [ "$(echo "$jars" | wc -l)" -eq 1 ] || { echo "expected one APOC core jar in labs/, got: $jars"; exit 1; }; \
    for dir in /plugins /var/lib/neo4j/plugins; do mkdir -p "$dir" && cp "$jars" "$dir/"; done
