// The parent categories of the given ones, with their English names: where a search widens when the category asked for holds too few products.
MATCH (c:Category)-[:SUBCATEGORY_OF]->(parent:Category)
WHERE c.id IN $category_ids
RETURN DISTINCT parent.id AS id, coalesce(parent.name_en, parent.id) AS name
ORDER BY id
