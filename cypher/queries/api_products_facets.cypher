// Facet counts for a product listing: per facet value, the products that pass every active filter except that facet's own.
// A product failing exactly one filter counts only in that filter's facet, so choosing a value shows what the others would add.
// The category facet counts each product's own category; price buckets start at $price_edges (in the shopper's currency).
MATCH (p:Product)
WITH p, round(p.price * $rate, 2) AS price
WITH p, price, [
  $category_id IS NULL
    OR EXISTS { MATCH (p)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(:Category {id: $category_id}) },
  $brand_ids IS NULL OR EXISTS { MATCH (p)-[:OF_BRAND]->(b:Brand) WHERE b.id IN $brand_ids },
  $colours IS NULL OR p.colour IN $colours,
  $sizes IS NULL OR p.size IN $sizes,
  $materials IS NULL OR p.material IN $materials,
  $genders IS NULL OR p.gender IN $genders,
  $age_groups IS NULL OR p.age_group IN $age_groups,
  ($min_price IS NULL OR price >= $min_price) AND ($max_price IS NULL OR price <= $max_price),
  $ships_to IS NULL OR (EXISTS { MATCH (p)-[:SHIPS_TO]->(:Country {code: $ships_to}) }
        AND NOT EXISTS { MATCH (p)-[:RESTRICTED_IN]->(:Country {code: $ships_to}) })
] AS passes
// Filters that have no facet (rating, title language, stock, a search's matches) must always hold.
WHERE ($min_rating IS NULL OR p.avg_rating >= $min_rating)
  AND ($title_lang IS NULL OR p['title_' + $title_lang] IS NOT NULL)
  AND ($product_ids IS NULL OR p.id IN $product_ids)
  AND ($in_stock IS NULL OR (coalesce(p.stock, 1) > 0) = $in_stock)
// A missing attribute (null) fails a filter on it, as in the page's WHERE.
WITH p, price, passes, [i IN range(0, size(passes) - 1) WHERE NOT coalesce(passes[i], false)] AS failed
WHERE size(failed) <= 1
WITH p, price, CASE size(failed) WHEN 0 THEN null ELSE ['CATEGORY', 'BRAND', 'COLOUR', 'SIZE',
     'MATERIAL', 'GENDER', 'AGE_GROUP', 'PRICE', 'SHIPS_TO'][failed[0]] END AS only
OPTIONAL MATCH (p)-[:IN_CATEGORY]->(cat:Category)
OPTIONAL MATCH (p)-[:OF_BRAND]->(brand:Brand)
WITH p, only, [
  ['CATEGORY', cat.id], ['BRAND', brand.id], ['COLOUR', p.colour], ['SIZE', p.size],
  ['MATERIAL', p.material], ['GENDER', p.gender], ['AGE_GROUP', p.age_group],
  ['PRICE', toString(last([edge IN $price_edges WHERE edge <= price]))]
] + [(p)-[:SHIPS_TO]->(c:Country) WHERE NOT (p)-[:RESTRICTED_IN]->(c) | ['SHIPS_TO', c.code]] AS pairs
UNWIND pairs AS pair
WITH pair[0] AS facet, pair[1] AS value, only, p
WHERE value IS NOT NULL AND (only IS NULL OR only = facet)
RETURN facet, value, count(DISTINCT p) AS count
ORDER BY facet, count DESC, value
