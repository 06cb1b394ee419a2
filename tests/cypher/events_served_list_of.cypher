// Test probe: a served list's counters and the impression events that cite it.
MATCH (l:ServedList {id: $id})
OPTIONAL MATCH (i:Impression {listId: $id})
RETURN l.impressions AS impressions, l.strategy AS strategy, l.items AS items,
       l.lastImpressionAt IS NOT NULL AS seen, count(i) AS events
