// Store a model version's taste per country ($rows: {country, vector}; country '*' is every shopper's), used for shoppers the version has no vector or history for.
MATCH (m:ModelVersion {id: $version})
UNWIND $rows AS row
MERGE (m)-[:COLD_START_TASTE]->(t:CountryTaste {version: $version, country: row.country})
SET t.embedding = row.vector
