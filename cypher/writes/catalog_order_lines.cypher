// Record order lines: which product an order holds, how many, and the unit price paid in which currency.
UNWIND $rows AS row
MATCH (o:Order {id: row.order_id})
MATCH (p:Product {id: row.product_id})
MATCH (:Currency {code: row.currency})
MERGE (o)-[l:CONTAINS]->(p)
SET l.quantity = row.quantity, l.price = row.price, l.currency = row.currency
RETURN row.key AS key
