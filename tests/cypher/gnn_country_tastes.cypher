// The countries whose taste model version $version stores (test check of the cold-start tastes).
MATCH (:ModelVersion {id: $version})-[:COLD_START_TASTE]->(t:CountryTaste)
RETURN collect(t.country) AS countries
