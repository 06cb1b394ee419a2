// Create or update categories (names per language); parents are linked by catalog_category_parents.
UNWIND $rows AS row
MERGE (c:Category {id: row.id})
SET c += row.props
RETURN row.key AS key
