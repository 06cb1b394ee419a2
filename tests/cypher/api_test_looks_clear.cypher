// Remove the image vectors (and picture colours) the look tests gave the API test products with id in $ids.
MATCH (p:Product) WHERE p.id IN $ids
REMOVE p.image_embedding, p.image_model, p.colour_name
