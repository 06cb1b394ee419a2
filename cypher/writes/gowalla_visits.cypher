// Record that a Gowalla user visited an item, in the train or test split (one relationship per pair and split).
UNWIND $rows AS row
MATCH (u:GowallaUser {id: row.user})
MATCH (i:GowallaItem {id: row.item})
MERGE (u)-[:VISITED {split: row.split}]->(i)
