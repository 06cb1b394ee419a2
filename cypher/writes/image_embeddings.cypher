// Store each image's look vector (made by $model from the bytes whose sha256 is row.hash) and colour descriptor.
UNWIND $rows AS row
MATCH (i:Image {id: row.id})
CALL db.create.setNodeVectorProperty(i, 'image_embedding', row.vector)
SET i.image_model = $model, i.content_hash = row.hash, i.embedded_hash = row.hash,
    i.colour_histogram = row.colour, i.colour_name = row.colour_name
REMOVE i.image_error
