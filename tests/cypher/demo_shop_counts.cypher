// How big one shop is, by id prefix: products, brands, shoppers, reviews and their relationships (:param prefix => 'demo-').
CALL () {
  MATCH (p:Product) WHERE p.id STARTS WITH $prefix
  RETURN count(p) AS products, sum(count { (p)-[:SHIPS_TO]->() }) AS shipping,
         sum(count { (p)-[:RESTRICTED_IN]->() }) AS restrictions,
         sum(count { (p)-[:IN_CATEGORY]->() }) AS in_category, sum(count { (p)-[:OF_BRAND]->() }) AS of_brand
}
CALL () {
  MATCH (s:Shopper) WHERE s.id STARTS WITH $prefix
  RETURN count(s) AS shoppers, sum(count { (s)-[:INTERACTED]->() }) AS interactions,
         sum(count { (s)-[:LIVES_IN]->() }) AS lives_in
}
CALL () { MATCH (b:Brand) WHERE b.id STARTS WITH $prefix RETURN count(b) AS brands }
CALL () { MATCH (r:Review) WHERE r.id STARTS WITH $prefix RETURN count(r) AS reviews }
RETURN products, shipping, restrictions, in_category, of_brand, shoppers, interactions, lives_in, brands, reviews
