// Impression events on served lists (the contract's impression counts: one per item shown).
UNWIND $rows AS row
MATCH (l:ServedList {id: row.listId})
SET l.impressions = l.impressions + row.n, l.lastImpressionAt = datetime()
