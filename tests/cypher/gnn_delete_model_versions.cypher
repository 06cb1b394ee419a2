// Delete the model versions with the given ids and their country tastes (test clean-up; served vectors are left alone).
UNWIND $ids AS id
MATCH (m:ModelVersion {id: id})
OPTIONAL MATCH (m)-[:COLD_START_TASTE]->(t:CountryTaste)
DETACH DELETE t, m
