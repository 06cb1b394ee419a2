// Recompute each listed product's sentiment as the mean of its reviews' scores.
UNWIND $rows AS row
MATCH (p:Product {id: row.id})
OPTIONAL MATCH (p)<-[:REVIEWS]-(rv:Review) WHERE rv.sentiment IS NOT NULL
WITH p, avg(rv.sentiment) AS sentiment, count(rv) AS reviews
SET p.sentiment = sentiment, p.sentiment_reviews = reviews
