// Which of the given categories exist, and every parent link above them (to refuse a cycle before it is written).
// :param ids => ['gpt:1604']
UNWIND $ids AS id
MATCH (c:Category {id: id})
OPTIONAL MATCH (c)-[:SUBCATEGORY_OF*0..]->(a:Category)-[:SUBCATEGORY_OF]->(parent:Category)
WITH c, collect(DISTINCT {id: a.id, parent_id: parent.id}) AS links
RETURN c.id AS id, [link IN links WHERE link.id IS NOT NULL] AS links
