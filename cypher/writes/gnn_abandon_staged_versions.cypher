// Mark versions left staged by a crashed run as abandoned, so only one run's vectors are ever activated.
MATCH (m:ModelVersion {status: 'staged'})
WHERE m.id <> $version
SET m.status = 'abandoned'
RETURN m.id AS id
