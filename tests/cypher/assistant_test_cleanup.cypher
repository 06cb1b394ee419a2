// Remove the assistant tests' countries with the return policies that apply in them (ids there are not prefixed).
MATCH (c:Country) WHERE c.code IN $codes
OPTIONAL MATCH (r:ReturnPolicy)-[:APPLIES_IN]->(c)
DETACH DELETE r, c
