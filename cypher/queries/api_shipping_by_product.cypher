// Where these products ship, in how many days and at what cost (base currency), by product id.
UNWIND $ids AS id
MATCH (:Product {id: id})-[s:SHIPS_TO]->(c:Country)
WITH id, s, c ORDER BY c.code
RETURN id, collect({country: c.code, country_name: c.name, days: s.days, cost: s.cost}) AS rows
