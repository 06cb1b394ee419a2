// Every image node under $prefix with its properties and its vector's length (image tests).
MATCH (i:Image) WHERE i.id STARTS WITH $prefix
RETURN i.id AS id, i.url AS url, i.member AS member, i.content_hash AS content_hash,
       i.alt_de AS alt_de, i.image_model AS image_model, i.colour_name AS colour_name,
       size(i.image_embedding) AS dim, i.image_error AS image_error
