// How many of the products a search draws its candidates from (the category subtree, else the brand, else the whole catalog) have no text embedding by $embedder yet, of how many: while the text index is being built, search says so.
// Properties written by the text index are read as p['key'], so a fresh shop runs without
// unknown-property warnings. The ids come in one map, $of, so a null or a list of any length is
// one parameter type and the statement is planned once (as search_products).
CALL () {
  MATCH (c:Category) WHERE c.id IN $of.category_ids
  MATCH (p:Product)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(c)
  RETURN DISTINCT p
  UNION
  MATCH (b:Brand) WHERE $of.category_ids IS NULL AND b.id IN $of.brand_ids
  MATCH (p:Product)-[:OF_BRAND]->(b)
  RETURN p
  UNION
  MATCH (p:Product) WHERE $of.category_ids IS NULL AND $of.brand_ids IS NULL
  RETURN p
}
RETURN count(p) AS products,
       count(CASE WHEN p['text_embedding'] IS NULL OR coalesce(p['text_embedder'], '') <> $embedder
                  THEN 1 END) AS missing
