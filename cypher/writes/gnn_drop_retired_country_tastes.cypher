// Remove the country tastes of the versions of shop $shop other than $version and the version its activation has just retired ($retired: readers that began under it may still ask for its tastes; the next activation drops them).
MATCH (old:ModelVersion)-[:COLD_START_TASTE]->(t:CountryTaste)
WHERE coalesce(old.shop, '') = $shop AND old.id <> $version AND old.id <> coalesce($retired, '')
DETACH DELETE t
