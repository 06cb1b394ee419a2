// Give API test products and shoppers fixed embedding vectors of model version $version (recommendation tests).
UNWIND $rows AS row
OPTIONAL MATCH (p:Product {id: row.id})
OPTIONAL MATCH (s:Shopper {id: row.id})
FOREACH (n IN [x IN [p, s] WHERE x IS NOT NULL] | SET n.embedding = row.vector, n.embedding_version = $version)
