// Link categories to their parent, replacing a previous parent.
UNWIND $rows AS row
MATCH (c:Category {id: row.id})
MATCH (parent:Category {id: row.parent_id})
OPTIONAL MATCH (c)-[old:SUBCATEGORY_OF]->(other) WHERE other <> parent
DELETE old
WITH DISTINCT c, parent, row
MERGE (c)-[:SUBCATEGORY_OF]->(parent)
RETURN row.key AS key
