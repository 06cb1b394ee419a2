// Remove the Gowalla benchmark data (users, items and their visits), in batches.
MATCH (n) WHERE n:GowallaUser OR n:GowallaItem
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS
