// Create or update Gowalla benchmark users: external id and the dense index the split uses.
UNWIND $rows AS row
MERGE (u:GowallaUser {id: row.id})
SET u.index = row.index
