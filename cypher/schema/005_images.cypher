// Product images: one key per image, their content hash (duplicate listings), and the image vectors (EfficientNet-Lite0, 1280-d).
CREATE CONSTRAINT image_id IF NOT EXISTS FOR (n:Image) REQUIRE n.id IS UNIQUE;
CREATE INDEX image_content_hash IF NOT EXISTS FOR (n:Image) ON (n.content_hash);
CREATE VECTOR INDEX product_image_embedding IF NOT EXISTS FOR (n:Product) ON (n.image_embedding) OPTIONS {indexConfig: {`vector.dimensions`: 1280, `vector.similarity_function`: 'cosine'}};
