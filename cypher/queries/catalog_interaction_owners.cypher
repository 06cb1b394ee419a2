// Which shopper and product each given interaction id already links (why a loaded row was refused).
// :param ids => ['tl-i-1']
UNWIND $ids AS id
MATCH (s:Shopper)-[r:INTERACTED {id: id}]->(p:Product)
RETURN id, s.id AS shopper_id, p.id AS product_id
