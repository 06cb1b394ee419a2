// One of the shopper's own orders (the newest when no id is given): status history, carrier, tracking, delivery dates, lines.
// :param shopper_id => 'demo-shopper-1';
// :param order_id => null;
MATCH (o:Order)-[:PLACED_BY]->(:Shopper {id: $shopper_id})
WHERE $order_id IS NULL OR o.id = $order_id
WITH o ORDER BY o.placed_at DESC LIMIT 1
MATCH (o)-[:SHIPS_TO_COUNTRY]->(c:Country)
CALL (o) {
  OPTIONAL MATCH (o)-[:HAD_STATUS]->(e:OrderEvent)
  WITH e ORDER BY e.at
  RETURN collect({id: e.id, status: e.status, at: toString(e.at), note: e.note}) AS events
}
CALL (o) {
  OPTIONAL MATCH (o)-[l:CONTAINS]->(p:Product)-[:IN_CATEGORY]->(cat:Category)
  WITH l, p, cat ORDER BY p.id
  RETURN collect({product_id: p.id, category_id: cat.id, quantity: l.quantity, price: l.price,
                  currency: l.currency, titles: p {.title_en, .title_de, .title_es, .title_fr,
                  .title_pt, .title_zh, .title_ja}}) AS lines
}
RETURN o.id AS id, toString(o.placed_at) AS placed_at, o.carrier AS carrier,
       o.tracking_id AS tracking_id, toString(o.promised_by) AS promised_by,
       toString(o.estimated_by) AS estimated_by, c.code AS country, events, lines
