// Remove every node whose id starts with $prefix, with its relationships (test and demo clean-up), in small transactions:
// a shopper can carry hundreds of relationships, and a big batch exhausts a small heap.
MATCH (n) WHERE n.id STARTS WITH $prefix
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 300 ROWS
