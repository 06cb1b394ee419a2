// Remove the country tastes of the versions of shop $shop other than $version (run with the activation, so only the served version's remain).
MATCH (old:ModelVersion)-[:COLD_START_TASTE]->(t:CountryTaste)
WHERE coalesce(old.shop, '') = $shop AND old.id <> $version
DETACH DELETE t
