// Create or update brands with their aliases (spelling variants shoppers type).
UNWIND $rows AS row
MERGE (b:Brand {id: row.id})
SET b.name = row.name, b.aliases = row.aliases, b.aliases_text = row.aliases_text,
    b.name_key = row.name_key, b.country = row.country
RETURN row.key AS key
