// How many relationships of each type the graph holds, from the count store.
CALL apoc.meta.stats() YIELD relTypesCount
UNWIND keys(relTypesCount) AS type
WITH type, relTypesCount[type] AS count WHERE count > 0
RETURN type, count
ORDER BY type
