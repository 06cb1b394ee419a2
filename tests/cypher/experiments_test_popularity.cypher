// Test probe: how many interactions each of $ids has (what a search variant's popularity weight counts).
UNWIND $ids AS id
MATCH (p:Product {id: id})
RETURN id, COUNT { (p)<-[:INTERACTED]-() } AS fans
