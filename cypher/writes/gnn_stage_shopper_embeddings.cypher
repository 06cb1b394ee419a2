// Stage a model version's shopper vectors beside the served ones; activation copies them over in one transaction.
UNWIND $rows AS row
MATCH (s:Shopper {id: row.id})
SET s.embedding_staged = row.vector, s.embedding_staged_version = $version
