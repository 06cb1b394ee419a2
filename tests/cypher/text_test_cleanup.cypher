// Remove the countries and currencies the search tests made up (their products go by id prefix).
UNWIND $countries AS code
OPTIONAL MATCH (c:Country {code: code})
DETACH DELETE c
WITH count(*) AS done
UNWIND $currencies AS code
OPTIONAL MATCH (cur:Currency {code: code})
DETACH DELETE cur
