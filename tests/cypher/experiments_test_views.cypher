// Test probe: shopper $shopper views product $product $n times (popularity for a search experiment).
MATCH (s:Shopper {id: $shopper}), (p:Product {id: $product})
UNWIND range(1, $n) AS i
CREATE (s)-[:INTERACTED {id: $shopper + '-view-' + $product + '-' + toString(i), kind: 'view', at: datetime()}]->(p)
