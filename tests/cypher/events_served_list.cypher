// Test fixture: a served list as the experiments side would create it.
MERGE (l:ServedList {id: $id})
SET l.surface = 'recommendations', l.strategy = 'model', l.items = $items, l.unit = $unit,
    l.at = datetime(), l.impressions = 0
