// Which categories hold the products whose text embedding is nearest a shopper's words: a kind of product named in a language or word no category name or title has ("电水壶"), grounded through the catalog's own texts.
CALL db.index.vector.queryNodes('product_text_embedding', $k, $vector) YIELD node, score
MATCH (node)-[:IN_CATEGORY]->(c:Category)
RETURN c.id AS id, count(*) AS hits, max(score) AS best
ORDER BY hits DESC, best DESC
