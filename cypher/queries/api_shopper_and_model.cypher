// A shopper's country, language and currency (null when no such shopper) beside the active model version of the shop $shopper_id belongs to (longest matching id prefix) and the experiment in force on recommendations (the running one, else the latest promoted one), in one read for their recommendations.
OPTIONAL MATCH (s:Shopper {id: $shopper_id})
OPTIONAL CALL () {
  MATCH (m:ModelVersion {active: true})
  WHERE $shopper_id STARTS WITH coalesce(m.shop, '')
  RETURN m
  ORDER BY size(coalesce(m.shop, '')) DESC, m.created_at DESC
  LIMIT 1
}
OPTIONAL CALL () {
  MATCH (e:Experiment {surface: 'recommendations'})
  WHERE e.status = 'running' OR (e.status = 'promoted' AND e.winner IS NOT NULL)
  RETURN e
  ORDER BY CASE e.status WHEN 'running' THEN 0 ELSE 1 END, e.stop DESC
  LIMIT 1
}
RETURN s.id AS id, s.country AS country, s.language AS language, s.currency AS currency,
       m.id AS model_id, toString(m.created_at) AS model_created_at, m.metrics AS model_metrics,
       e.key AS experiment, e.status AS experiment_status, e.unitType AS experiment_unit,
       e.variants AS experiment_variants, e.winner AS experiment_winner
