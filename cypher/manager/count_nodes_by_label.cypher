// How many nodes of each label the graph holds, from the count store (instant at any size).
CALL apoc.meta.stats() YIELD labels
UNWIND keys(labels) AS label
WITH label, labels[label] AS count WHERE count > 0
RETURN label, count
ORDER BY label
