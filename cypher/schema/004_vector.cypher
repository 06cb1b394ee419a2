// Vector indexes for learned graph embeddings ($embedding_dim) and multilingual text embeddings ($text_embedding_dim).
CREATE VECTOR INDEX product_embedding IF NOT EXISTS FOR (n:Product) ON (n.embedding) OPTIONS {indexConfig: {`vector.dimensions`: $embedding_dim, `vector.similarity_function`: 'cosine'}};
CREATE VECTOR INDEX shopper_embedding IF NOT EXISTS FOR (n:Shopper) ON (n.embedding) OPTIONS {indexConfig: {`vector.dimensions`: $embedding_dim, `vector.similarity_function`: 'cosine'}};
CREATE VECTOR INDEX product_text_embedding IF NOT EXISTS FOR (n:Product) ON (n.text_embedding) OPTIONS {indexConfig: {`vector.dimensions`: $text_embedding_dim, `vector.similarity_function`: 'cosine'}};
CREATE VECTOR INDEX category_text_embedding IF NOT EXISTS FOR (n:Category) ON (n.text_embedding) OPTIONS {indexConfig: {`vector.dimensions`: $text_embedding_dim, `vector.similarity_function`: 'cosine'}};
