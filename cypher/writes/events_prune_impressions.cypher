// Retention: fold raw API impression events older than $cutoff into daily aggregates per strategy, then delete them; served lists keep their counts.
// catalog cache: unaffected (shop events change no catalog read)
MATCH (i:Impression)
WHERE i.at < $cutoff AND i.source = 'api'
CALL (i) {
  OPTIONAL MATCH (l:ServedList {id: i.listId})
  WITH i, date(i.at) AS day, coalesce(l.strategy, 'none') AS strategy
  MERGE (d:EventDay {key: toString(day) + '|impression|' + strategy})
  ON CREATE SET d.day = day, d.kind = 'impression', d.strategy = strategy, d.count = 0, d.valueBase = 0.0
  SET d.count = d.count + 1
  DELETE i
} IN TRANSACTIONS OF 1000 ROWS
