// The shoppers with these ids: country, language and currency (never their embedding).
UNWIND $ids AS id
MATCH (s:Shopper {id: id})
RETURN s.id AS id, s.country AS country, s.language AS language, s.currency AS currency
