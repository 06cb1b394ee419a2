// Set products' prices: base-currency price plus the list price as the manager typed it.
UNWIND $rows AS row
MATCH (p:Product {id: row.id})
SET p.price = row.price, p.list_price = row.list_price, p.list_currency = row.list_currency
RETURN row.key AS key
