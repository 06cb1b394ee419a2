// Test probe: whether a session and the impression events of a session still exist.
OPTIONAL MATCH (s:Session {id: $id})
OPTIONAL MATCH (i:Impression {sessionId: $id})
RETURN count(DISTINCT s) AS sessions, count(DISTINCT i) AS impressions
