// Reviews by id with their product, text, language and any stored translation's provenance, for translating them on demand.
// :param ids => ['demo-review-1'];
// :param lang => 'de';
UNWIND $ids AS id
MATCH (rv:Review {id: id})-[:REVIEWS]->(p:Product)
OPTIONAL MATCH (t:Translation {field: 'text', lang: $lang})-[:TRANSLATES]->(rv)
RETURN rv.id AS id, p.id AS product_id, rv.text AS text, rv.lang AS lang,
       t.text AS translated, t.source AS translation_source
