// Stage a model version's product vectors beside the served ones; activation copies them over in one transaction.
UNWIND $rows AS row
MATCH (p:Product {id: row.id})
SET p.embedding_staged = row.vector, p.embedding_staged_version = $version
