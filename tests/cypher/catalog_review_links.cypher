// Who wrote a review and what it reviews: one review, one author, one product.
MATCH (rv:Review {id: $id})
RETURN [(s)-[:WROTE]->(rv) | s.id] AS authors, [(rv)-[:REVIEWS]->(p) | p.id] AS products
