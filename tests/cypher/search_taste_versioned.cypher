// Give search-test products and shoppers fixed graph embeddings tagged with a model version (tests of taste across versions).
UNWIND $rows AS row
OPTIONAL MATCH (p:Product {id: row.id})
OPTIONAL MATCH (s:Shopper {id: row.id})
WITH row, [node IN [p, s] WHERE node IS NOT NULL] AS nodes
UNWIND nodes AS node
SET node.embedding = row.vector, node.embedding_version = row.version
