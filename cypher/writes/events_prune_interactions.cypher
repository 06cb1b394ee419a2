// Retention: fold raw API events (view, click, cart, purchase, rating) older than $cutoff into daily aggregates per kind and strategy, then delete them; each batch does both or neither.
// catalog cache: unaffected (shop events change no catalog read)
MATCH ()-[r:INTERACTED]->()
WHERE r.at < $cutoff AND r.source = 'api'
CALL (r) {
  OPTIONAL MATCH (l:ServedList {id: r.listId})
  WITH r, date(r.at) AS day, coalesce(l.strategy, 'none') AS strategy
  MERGE (d:EventDay {key: toString(day) + '|' + r.kind + '|' + strategy})
  ON CREATE SET d.day = day, d.kind = r.kind, d.strategy = strategy, d.count = 0, d.valueBase = 0.0
  SET d.count = d.count + 1, d.valueBase = d.valueBase + coalesce(r.valueBase, 0.0)
  DELETE r
} IN TRANSACTIONS OF 1000 ROWS
