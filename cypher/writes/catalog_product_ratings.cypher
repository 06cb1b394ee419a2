// Recompute each reviewed product's average rating and review count; a product whose reviews all moved away loses both (idempotent; batched for big shops).
MATCH (p:Product)
WHERE p.review_count IS NOT NULL OR EXISTS { (p)<-[:REVIEWS]-(:Review) }
CALL (p) {
  OPTIONAL MATCH (p)<-[:REVIEWS]-(rv:Review)
  WITH p, avg(rv.rating) AS avg_rating, count(rv) AS n
  SET p.avg_rating = avg_rating, p.review_count = CASE WHEN n > 0 THEN n END
} IN TRANSACTIONS OF 5000 ROWS
