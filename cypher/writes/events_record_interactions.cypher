// Record shop events (view, click, cart, purchase, rating) once each by eventId, under a shopper or an anonymous session; a cited served list must exist; says per row what happened.
// catalog cache: unaffected (shop events change no catalog read)
UNWIND $rows AS row
// The time comes as epoch seconds and nanoseconds (cheaper to send than a driver DateTime).
WITH row, datetime({epochSeconds: row.atS, nanosecond: row.atNs}) AS at
OPTIONAL MATCH (holder)-[old:INTERACTED {id: row.eventId}]->()
OPTIONAL MATCH (p:Product {id: row.productId})
OPTIONAL MATCH (cited:ServedList {id: row.listId})
OPTIONAL CALL (row, at, old, p, cited) {
  WITH row, at, p WHERE old IS NULL AND p IS NOT NULL AND (row.listId IS NULL OR cited IS NOT NULL)
  CALL (row, at) {
    WITH row, at WHERE row.shopperId IS NULL
    MERGE (o:Session {id: row.sessionId})
    ON CREATE SET o.at = at
    RETURN o
    UNION
    WITH row WHERE row.shopperId IS NOT NULL AND $createShoppers
    MERGE (o:Shopper {id: row.shopperId})
    RETURN o
    UNION
    WITH row WHERE row.shopperId IS NOT NULL AND NOT $createShoppers
    MATCH (o:Shopper {id: row.shopperId})
    RETURN o
  }
  MERGE (o)-[r:INTERACTED {id: row.eventId}]->(p)
  ON CREATE SET r += row.props, r.at = at, r.receipt = $receipt
  RETURN r.receipt = $receipt AS made
}
RETURN row.index AS index,
       CASE
         WHEN old IS NOT NULL AND ((row.shopperId IS NOT NULL AND holder:Shopper AND holder.id = row.shopperId)
                                   OR (row.sessionId IS NOT NULL AND old.sessionId = row.sessionId)) THEN 'duplicate'
         WHEN old IS NOT NULL THEN 'taken'
         WHEN p IS NULL THEN 'unknown_product'
         WHEN row.listId IS NOT NULL AND cited IS NULL THEN 'unknown_list'
         WHEN made IS NULL THEN 'unknown_shopper'
         WHEN made THEN 'stored'
         ELSE 'duplicate'
       END AS status
