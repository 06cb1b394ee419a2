// The countries these products may not be sold into, and why, by product id.
UNWIND $ids AS id
MATCH (:Product {id: id})-[r:RESTRICTED_IN]->(c:Country)
WITH id, r, c ORDER BY c.code
RETURN id, collect({country: c.code, country_name: c.name, reason: r.reason}) AS rows
