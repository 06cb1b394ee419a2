// Removes the text embeddings of the given products, as if the background text index had not reached them yet.
MATCH (p:Product) WHERE p.id IN $ids
REMOVE p.text_embedding, p.text_embedder
