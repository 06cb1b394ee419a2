// The API tests' shop (ids starting with $shop) gets its own active model version (removed with the apit- prefix).
MERGE (m:ModelVersion {id: $id})
SET m.shop = $shop, m.active = true, m.status = 'active', m.created_at = datetime(),
    m.metrics = '{"recall@20": 0.1}'
