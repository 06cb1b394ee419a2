// How many brands the catalog has: the brand list's totalCount.
MATCH (b:Brand)
RETURN count(b) AS total
