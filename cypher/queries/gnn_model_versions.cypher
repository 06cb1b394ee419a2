// Every model version, newest first: id, shop (id prefix), which model, status, active flag, creation time and metrics (JSON text).
MATCH (m:ModelVersion)
RETURN m.id AS id, coalesce(m.shop, '') AS shop, m.status AS status, m.active AS active,
       toString(m.created_at) AS created_at, m.metrics AS metrics, m.checkpoint AS checkpoint,
       m.model AS model
ORDER BY m.created_at DESC
