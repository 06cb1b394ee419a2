// Set a product's English title as a loader would (the API cache tests' write from outside the API).
MATCH (p:Product {id: $id})
SET p.title_en = $title
