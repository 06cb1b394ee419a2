// Remove the simulator's experiments, served lists and the events citing them (keys starting with $prefix): INTERACTED relationships and Impression nodes.
MATCH (e:Experiment) WHERE e.key STARTS WITH $prefix
OPTIONAL MATCH (l:ServedList {experiment: e.key})
OPTIONAL MATCH ()-[r:INTERACTED {listId: l.id}]->()
DELETE r
WITH DISTINCT e, l
OPTIONAL MATCH (i:Impression {listId: l.id})
DETACH DELETE i
WITH DISTINCT e, l
DETACH DELETE l
WITH DISTINCT e
DETACH DELETE e
