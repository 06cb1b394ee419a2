// Which model version the recommendations are served from: id, creation time (ISO 8601) and metrics (JSON text).
MATCH (m:ModelVersion {active: true})
RETURN m.id AS id, toString(m.created_at) AS created_at, m.metrics AS metrics
ORDER BY m.created_at DESC
LIMIT 1
