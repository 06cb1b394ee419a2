// The active model version's id and checkpoint file, to fine-tune from.
MATCH (m:ModelVersion {active: true})
RETURN m.id AS id, m.checkpoint AS checkpoint
ORDER BY m.created_at DESC
LIMIT 1
