// Per served list between $since and $until (ISO times; null for open ends), of experiment $experiment (null: every list): its strategy, model version, variant, unit, day, time and impressions, and the clicks, carts, purchases and revenue (base currency) of the events that cite it.
// :param experiment => null;
// :param since => null;
// :param until => null;
MATCH (l:ServedList)
WHERE ($experiment IS NULL OR l.experiment = $experiment)
  AND ($since IS NULL OR l.at >= datetime($since))
  AND ($until IS NULL OR l.at < datetime($until))
CALL (l) {
  OPTIONAL MATCH ()-[e:INTERACTED {listId: l.id}]->()
  RETURN sum(CASE e.kind WHEN 'click' THEN 1 ELSE 0 END) AS clicks,
         sum(CASE e.kind WHEN 'cart' THEN 1 ELSE 0 END) AS carts,
         sum(CASE e.kind WHEN 'purchase' THEN 1 ELSE 0 END) AS purchases,
         sum(CASE e.kind WHEN 'purchase' THEN coalesce(toFloat(e.valueBase), 0.0) ELSE 0.0 END) AS revenue
}
RETURN l.strategy AS strategy, l.modelVersion AS model_version, l.experiment AS experiment,
       l.variant AS variant, l.unit AS unit, toString(date(l.at)) AS day, toString(l.at) AS at,
       coalesce(l.impressions, 0) AS impressions, clicks, carts, purchases, revenue
