// Mark versions of shop $shop left staged by a crashed run as abandoned, so only one run's vectors are ever activated (other shops' runs are left alone).
MATCH (m:ModelVersion {status: 'staged'})
WHERE m.id <> $version AND coalesce(m.shop, '') = $shop
SET m.status = 'abandoned'
RETURN m.id AS id
