// Store the multilingual text embedding of each product (float32 vector property) and which embedder made it.
UNWIND $rows AS row
MATCH (p:Product {id: row.id})
CALL db.create.setNodeVectorProperty(p, 'text_embedding', row.vector)
SET p.text_embedder = $embedder
