// How many products each of these brands has.
UNWIND $ids AS id
MATCH (b:Brand {id: id})
RETURN b.id AS id, COUNT { (b)<-[:OF_BRAND]-(:Product) } AS product_count
