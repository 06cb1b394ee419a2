// One order as loaded: shopper, destination, lines, and status history in time order.
MATCH (o:Order {id: $order_id})-[:PLACED_BY]->(s:Shopper)
MATCH (o)-[:SHIPS_TO_COUNTRY]->(c:Country)
CALL (o) {
  OPTIONAL MATCH (o)-[l:CONTAINS]->(p:Product)
  WITH l, p ORDER BY p.id
  RETURN collect({product: p.id, quantity: l.quantity, price: l.price, currency: l.currency}) AS lines
}
CALL (o) {
  OPTIONAL MATCH (o)-[:HAD_STATUS]->(e:OrderEvent)
  WITH e ORDER BY e.at
  RETURN collect(e.status) AS statuses
}
RETURN s.id AS shopper, c.code AS country, o.carrier AS carrier, o.tracking_id AS tracking_id,
       toString(o.promised_by) AS promised_by, lines, statuses
