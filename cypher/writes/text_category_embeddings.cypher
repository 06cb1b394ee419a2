// Store the multilingual text embedding of each category's names and which embedder made it.
UNWIND $rows AS row
MATCH (c:Category {id: row.id})
CALL db.create.setNodeVectorProperty(c, 'text_embedding', row.vector)
SET c.text_embedder = $embedder
