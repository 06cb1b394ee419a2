// Move an anonymous session's events onto the shopper who signed in and named it; a session belongs to one shopper only.
// catalog cache: unaffected (shop events change no catalog read)
MERGE (sess:Session {id: $sessionId})
ON CREATE SET sess.at = $now
WITH sess, sess.shopperId IS NOT NULL AND sess.shopperId <> $shopperId AS foreign
OPTIONAL CALL (sess, foreign) {
  WITH sess WHERE NOT foreign
  MERGE (s:Shopper {id: $shopperId})
  SET sess.shopperId = $shopperId, sess.mergedAt = $now
  WITH sess, s
  OPTIONAL MATCH (sess)-[r:INTERACTED]->(p)
  WITH s, r, p, properties(r) AS props
  CALL (s, r, p, props) {
    WITH s, r, p, props WHERE r IS NOT NULL
    DELETE r
    CREATE (s)-[moved:INTERACTED]->(p)
    SET moved = props
  }
  RETURN count(r) AS moved
}
OPTIONAL CALL (sess, foreign) {
  WITH sess WHERE NOT foreign
  MATCH (i:Impression {sessionId: sess.id})
  SET i.shopperId = $shopperId
  RETURN count(i) AS impressions
}
RETURN foreign, coalesce(moved, 0) AS moved, coalesce(impressions, 0) AS impressions
