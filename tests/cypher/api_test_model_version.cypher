// An active model version for the API tests, only when the graph has none (removed with the apit- prefix).
OPTIONAL MATCH (m:ModelVersion {active: true})
WITH count(m) AS active WHERE active = 0
CREATE (:ModelVersion {id: $id, active: true, status: 'active', created_at: datetime(),
                       metrics: '{"recall@20": 0.1}'})
