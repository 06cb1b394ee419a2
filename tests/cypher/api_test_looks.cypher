// Give API test products image vectors of image model $model, and their picture's dominant colour (similar-by-look and photo-search tests).
UNWIND $rows AS row
MATCH (p:Product {id: row.id})
CALL db.create.setNodeVectorProperty(p, 'image_embedding', row.vector)
SET p.image_model = $model, p.colour_name = row.colour_name
