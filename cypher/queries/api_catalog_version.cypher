// The catalog version: how many writes have committed (0 before the first); the API cache's key.
OPTIONAL MATCH (v:CatalogVersion)
RETURN coalesce(sum(v.n), 0) AS n
