// Record an order's status history (placed, paid, shipped, in_customs, delivered, returned, cancelled) with times.
UNWIND $rows AS row
MATCH (o:Order {id: row.order_id})
MERGE (e:OrderEvent {id: row.key})
SET e.status = row.status, e.at = row.at, e.note = row.note
MERGE (o)-[:HAD_STATUS]->(e)
RETURN row.key AS key
