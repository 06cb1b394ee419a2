// How many brands, categories, products, countries, currencies and enriched wordings there are (count-store lookups): when this changes, the search lexicon is rebuilt.
CALL () { MATCH (n:Brand) RETURN count(n) AS brands }
CALL () { MATCH (n:Category) RETURN count(n) AS categories }
CALL () { MATCH (n:Product) RETURN count(n) AS products }
CALL () { MATCH (n:Country) RETURN count(n) AS countries }
CALL () { MATCH (n:Currency) RETURN count(n) AS currencies }
CALL () { MATCH (n:Wording) RETURN count(n) AS wordings }
RETURN [brands, categories, products, countries, currencies, wordings] AS stamp
