// Record orders: who placed them, the country shipped to, carrier, tracking id, promised and estimated delivery.
UNWIND $rows AS row
MATCH (s:Shopper {id: row.shopper_id})
MATCH (c:Country {code: row.country})
MATCH (:Currency {code: row.currency})
MERGE (o:Order {id: row.key})
SET o.placed_at = row.placed_at, o.currency = row.currency, o.carrier = row.carrier,
    o.tracking_id = row.tracking_id, o.promised_by = row.promised_by,
    o.estimated_by = row.estimated_by
WITH row, s, c, o
// A reload that changes the shopper or the destination moves the order, never doubles it.
CALL (o) {
  MATCH (o)-[old:PLACED_BY|SHIPS_TO_COUNTRY]->()
  DELETE old
}
MERGE (o)-[:PLACED_BY]->(s)
MERGE (o)-[:SHIPS_TO_COUNTRY]->(c)
RETURN row.key AS key
