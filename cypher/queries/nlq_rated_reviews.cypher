// A sample of star-rated reviews per rating, to train the sentiment classifier on.
MATCH (rv:Review) WHERE rv.rating IS NOT NULL AND rv.text IS NOT NULL
WITH rv.rating AS rating, collect(rv.text)[..$per_rating] AS texts
UNWIND texts AS text
RETURN text, rating
