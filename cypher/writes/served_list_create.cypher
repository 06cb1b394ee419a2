// Record one answer of recommendations, similarProducts or search as a ServedList: its items in position order (position = index + 1), the strategy, model version and experiment variant that chose them, and who saw them; one node per answer, never one relationship per item.
// catalog cache: unaffected (served lists and experiments change no catalog read)
CREATE (l:ServedList {id: $id, surface: $surface, strategy: $strategy, modelVersion: $model_version,
                      experiment: $experiment, variant: $variant, unit: $unit, at: datetime(),
                      items: $items, impressions: 0})
RETURN l.id AS id
