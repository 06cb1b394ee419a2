// Remove every node whose id starts with $prefix, with its relationships (test and demo clean-up).
MATCH (n) WHERE n.id STARTS WITH $prefix
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
