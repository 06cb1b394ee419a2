// The brands with these ids: name, aliases and home country.
UNWIND $ids AS id
MATCH (b:Brand {id: id})
RETURN b.id AS id, b.name AS name, coalesce(b.aliases, []) AS aliases, b.country AS country
