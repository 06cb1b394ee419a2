// Recompute each reviewed product's average rating and review count (idempotent; batched for big shops).
MATCH (p:Product)<-[:REVIEWS]-()
WITH DISTINCT p
CALL (p) {
  MATCH (p)<-[:REVIEWS]-(rv:Review)
  WITH p, avg(rv.rating) AS avg_rating, count(rv) AS n
  SET p.avg_rating = avg_rating, p.review_count = n
} IN TRANSACTIONS OF 5000 ROWS
