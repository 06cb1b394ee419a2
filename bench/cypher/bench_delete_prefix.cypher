// Remove the load benchmark's shop (every node whose id starts with $prefix, with its relationships), 500 nodes per transaction so a 512 MB heap suffices.
// An empty or blank $prefix matches every node: refused here too, not only by bench/load.py.
MATCH (n) WHERE size(trim($prefix)) >= 3 AND n.id STARTS WITH $prefix
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 500 ROWS
