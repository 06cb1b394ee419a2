// Create or update Gowalla benchmark items (places): external id and the dense index the split uses.
UNWIND $rows AS row
MERGE (i:GowallaItem {id: row.id})
SET i.index = row.index
