// $n impression events on served list $id, as the contract's impression event counts them.
MATCH (l:ServedList {id: $id})
SET l.impressions = l.impressions + $n, l.lastImpressionAt = datetime()
