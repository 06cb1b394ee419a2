// How many products the demo shop under $prefix holds, and how many have an embedded main picture (bench/images.py).
MATCH (p:Product) WHERE p.id STARTS WITH $prefix
RETURN count(p) AS products, count(p.image_embedding) AS with_picture
