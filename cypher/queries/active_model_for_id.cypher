// Which model version serves the shop of shopper or product $id: the active version whose shop (id prefix) is the longest prefix of $id. id, shop, creation time (ISO 8601) and metrics (JSON text).
// :param id => 'demo-shopper-0'
MATCH (m:ModelVersion {active: true})
WHERE $id STARTS WITH coalesce(m.shop, '')
RETURN m.id AS id, coalesce(m.shop, '') AS shop, toString(m.created_at) AS created_at,
       m.metrics AS metrics
ORDER BY size(coalesce(m.shop, '')) DESC, m.created_at DESC
LIMIT 1
