// A shopper's interactions, newest first, optionally only some kinds (view, cart, purchase, rating).
MATCH (:Shopper {id: $shopper_id})-[r:INTERACTED]->(p:Product)
WHERE $kinds IS NULL OR r.kind IN $kinds
RETURN r.id AS id, r.kind AS kind, r.at AS at, r.rating AS rating, p.id AS product_id
ORDER BY r.at DESC, r.id
LIMIT $first
