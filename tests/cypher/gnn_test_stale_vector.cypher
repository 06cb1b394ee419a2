// Put a vector tagged with model version $version (not the active one) on node $id, as a stale leftover would be.
MATCH (n {id: $id})
WHERE n:Product OR n:Shopper
SET n.embedding = $vector, n.embedding_version = $version
