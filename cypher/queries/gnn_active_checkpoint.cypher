// The active model version of shop $shop: id, checkpoint file (to fine-tune from) and the time of the newest interaction it learned from.
MATCH (m:ModelVersion {active: true})
WHERE coalesce(m.shop, '') = $shop
RETURN m.id AS id, m.checkpoint AS checkpoint, m.trained_until_ms AS trained_until_ms
ORDER BY m.created_at DESC
LIMIT 1
