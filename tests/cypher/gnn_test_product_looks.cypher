// Give test products main-picture look vectors made by image model row.model (recommender image-input tests).
UNWIND $rows AS row
MATCH (p:Product {id: row.id})
CALL db.create.setNodeVectorProperty(p, 'image_embedding', row.vector)
SET p.image_model = row.model
