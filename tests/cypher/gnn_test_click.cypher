// Add (or, with $remove, take away) a click of shopper $shopper on product $product at $at, as the events mutation stores one (test of what training reads).
MATCH (s:Shopper {id: $shopper}), (p:Product {id: $product})
CALL (s, p) {
  WITH s, p WHERE NOT $remove
  MERGE (s)-[r:INTERACTED {id: $id}]->(p)
  SET r.kind = 'click', r.at = $at, r.source = 'api', r.eventId = $id
}
CALL (s, p) {
  WITH s, p WHERE $remove
  MATCH (s)-[r:INTERACTED {id: $id}]->(p)
  DELETE r
}
