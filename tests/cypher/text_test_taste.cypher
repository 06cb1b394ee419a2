// Give search-test products and shoppers fixed graph embeddings (tests of the shopper's taste in ranking).
UNWIND $rows AS row
OPTIONAL MATCH (p:Product {id: row.id})
OPTIONAL MATCH (s:Shopper {id: row.id})
WITH row, [node IN [p, s] WHERE node IS NOT NULL] AS nodes
UNWIND nodes AS node
SET node.embedding = row.vector
