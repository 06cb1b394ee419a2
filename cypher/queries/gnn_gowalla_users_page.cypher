// One page of Gowalla users after index $after (keyset pagination), each with the items it visited and in which split.
MATCH (u:GowallaUser)
WHERE u.index > $after
WITH u ORDER BY u.index LIMIT $limit
RETURN u.index AS user, [(u)-[r:VISITED]->(i:GowallaItem) | [i.index, r.split]] AS visits
