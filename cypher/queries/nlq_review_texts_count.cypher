// How many reviews nlq_review_texts will return in all (no sentiment score yet, or all), for a progress total.
MATCH (rv:Review)-[:REVIEWS]->(p:Product)
WHERE rv.id STARTS WITH $prefix AND ($all OR rv.sentiment IS NULL)
RETURN count(rv) AS n
