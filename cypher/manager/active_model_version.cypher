// Whether any model version serves recommendations: the newest active version of any shop (one is active per shop; see active_model_for_id for a given shopper's or product's). id, shop, creation time (ISO 8601) and metrics (JSON text).
MATCH (m:ModelVersion {active: true})
RETURN m.id AS id, coalesce(m.shop, '') AS shop, toString(m.created_at) AS created_at,
       m.metrics AS metrics
ORDER BY m.created_at DESC
LIMIT 1
