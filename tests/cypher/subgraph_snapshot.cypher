// Every node whose id starts with $prefix, with its properties and outgoing relationships: compares two loads.
MATCH (n) WHERE n.id STARTS WITH $prefix
OPTIONAL MATCH (n)-[r]->(m)
WITH n, r, m ORDER BY type(r), coalesce(m.id, m.code)
WITH n, collect(CASE WHEN r IS NULL THEN null ELSE
       {type: type(r), to: coalesce(m.id, m.code), props: properties(r)} END) AS rels
RETURN labels(n) AS labels, properties(n) AS props, rels
ORDER BY n.id
