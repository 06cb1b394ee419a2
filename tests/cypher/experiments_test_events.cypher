// Events in the shape of issue 12's contract, as the recordEvents mutation will write them (until it is merged): one INTERACTED per row, citing a served list and a position.
UNWIND $rows AS row
MATCH (s:Shopper {id: row.shopper})
MATCH (p:Product {id: row.product})
CREATE (s)-[:INTERACTED {id: row.eventId, eventId: row.eventId, kind: row.kind, at: datetime(),
                         listId: row.listId, position: row.position, source: 'api',
                         quantity: row.quantity, price: row.price, currency: row.currency,
                         valueBase: row.valueBase}]->(p)
