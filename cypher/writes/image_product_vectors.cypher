// Give each product in $ids its main picture's look and colour (lowest position with a vector by $model), for the product_image_embedding index.
UNWIND $ids AS id
MATCH (p:Product {id: id})-[:HAS_IMAGE]->(i:Image)
WHERE i.image_model = $model AND i.image_embedding IS NOT NULL
WITH p, i ORDER BY i.position, i.id
WITH p, head(collect(i)) AS main
CALL db.create.setNodeVectorProperty(p, 'image_embedding', main.image_embedding)
SET p.image_model = $model, p.image_hash = main.content_hash,
    p.colour_histogram = main.colour_histogram, p.colour_name = main.colour_name
