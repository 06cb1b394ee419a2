// One page of a product's reviews, newest first (keyset after $after_at/$after_id), each with its stored translation into $lang, if any.
// :param product_id => 'demo-product-1';
// :param lang => 'de';
// :param after_at => null;
// :param after_id => null;
// :param limit => 10;
MATCH (rv:Review)-[:REVIEWS]->(:Product {id: $product_id})
WITH rv, coalesce(rv.at.epochMillis, 0) AS at_ms
WHERE $after_id IS NULL OR at_ms < $after_at OR (at_ms = $after_at AND rv.id > $after_id)
WITH rv, at_ms ORDER BY at_ms DESC, rv.id LIMIT $limit
OPTIONAL MATCH (t:Translation {field: 'text', lang: $lang})-[:TRANSLATES]->(rv)
RETURN rv.id AS id, rv.text AS text, rv.lang AS lang, rv.rating AS rating,
       toString(rv.at) AS at, at_ms, rv.sentiment AS sentiment, rv.sentiment_label AS sentiment_label,
       t.text AS translated, t.source AS translation_source, t.model AS translation_model
ORDER BY at_ms DESC, id
