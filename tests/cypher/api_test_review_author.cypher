// A review, its product and its author (null once the author was erased): used by the API tests.
MATCH (rv:Review {id: $id})-[:REVIEWS]->(p:Product)
OPTIONAL MATCH (s:Shopper)-[:WROTE]->(rv)
RETURN rv.id AS id, p.id AS product_id, s.id AS author
