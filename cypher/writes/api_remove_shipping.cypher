// Stop shipping products to countries; returns the pairs that existed.
UNWIND $rows AS row
MATCH (:Product {id: row.product_id})-[s:SHIPS_TO]->(:Country {code: row.country})
DELETE s
RETURN row.key AS key
