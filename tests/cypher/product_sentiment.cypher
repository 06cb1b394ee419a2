// The review sentiment and rating of the given products (tests check a planted review was scored).
MATCH (p:Product) WHERE p.id IN $ids
RETURN p.id AS id, p['sentiment'] AS sentiment, p['avg_rating'] AS avg_rating
