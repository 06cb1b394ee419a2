// Record impression events once each by eventId: the cited served list counts one more impression; a list Borderless did not serve becomes an 'external' one.
// catalog cache: unaffected (shop events change no catalog read)
UNWIND $rows AS row
// The time comes as epoch seconds and nanoseconds (cheaper to send than a driver DateTime).
WITH row, datetime({epochSeconds: row.atS, nanosecond: row.atNs}) AS at
OPTIONAL MATCH (old:Impression {id: row.eventId})
OPTIONAL MATCH (cited:ServedList {id: row.listId})
OPTIONAL CALL (row, at, old, cited) {
  WITH row, at WHERE old IS NULL AND (cited IS NOT NULL OR row.listId IS NULL)
  MERGE (i:Impression {id: row.eventId})
  ON CREATE SET i += row.props, i.at = at, i.receipt = $receipt
  WITH row, at, i, i.receipt = $receipt AS made
  MERGE (l:ServedList {id: coalesce(row.listId, row.externalListId)})
  ON CREATE SET l.surface = row.placement, l.strategy = 'external', l.unit = row.unit, l.at = at,
                l.items = row.items, l.impressions = 0
  WITH row, at, i, l, made
  CALL (row, at, l, made) {
    WITH row, at, l WHERE made
    // Setting lastImpressionAt first takes the node's write lock, so concurrent counts never lose one.
    SET l.lastImpressionAt = CASE WHEN l.lastImpressionAt IS NULL OR l.lastImpressionAt < at
                                  THEN at ELSE l.lastImpressionAt END
    SET l.impressions = coalesce(l.impressions, 0) + 1
  }
  SET i.listId = l.id
  RETURN made
}
RETURN row.index AS index,
       CASE
         WHEN old IS NOT NULL AND ((row.shopperId IS NOT NULL AND old.shopperId = row.shopperId)
                                   OR (row.sessionId IS NOT NULL AND old.sessionId = row.sessionId)) THEN 'duplicate'
         WHEN old IS NOT NULL THEN 'taken'
         WHEN made IS NULL THEN 'unknown_list'
         WHEN made THEN 'stored'
         ELSE 'duplicate'
       END AS status
