// A product's image (file checked and hashed by the loader, or a URL), linked as HAS_IMAGE; returns each row's key.
UNWIND $rows AS row
MATCH (p:Product {id: row.product_id})
MERGE (i:Image {id: row.id})
SET i += row.props, i.product_id = row.product_id
MERGE (p)-[:HAS_IMAGE]->(i)
RETURN row.key AS key
