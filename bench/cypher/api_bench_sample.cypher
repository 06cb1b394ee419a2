// Benchmark sample: up to $n product ids and $n shopper ids (shoppers with an embedding) whose id starts with $prefix.
CALL () {
  MATCH (p:Product) WHERE p.id STARTS WITH $prefix
  RETURN collect(p.id)[..$n] AS products
}
CALL () {
  MATCH (s:Shopper) WHERE s.id STARTS WITH $prefix AND s.embedding IS NOT NULL
  RETURN collect(s.id)[..$n] AS shoppers
}
RETURN products, shoppers
