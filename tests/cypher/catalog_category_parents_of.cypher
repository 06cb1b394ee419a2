// Each category whose id starts with $prefix, and the ids of its parents.
MATCH (c:Category) WHERE c.id STARTS WITH $prefix
RETURN c.id AS id, [(c)-[:SUBCATEGORY_OF]->(p) | p.id] AS parents
