// Remove the API tests' own countries and currency (their products, shoppers and categories go by id prefix).
MATCH (n)
WHERE (n:Country AND n.code IN $countries) OR (n:Currency AND n.code IN $currencies)
DETACH DELETE n
