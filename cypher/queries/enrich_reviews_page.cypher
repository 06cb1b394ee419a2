// One page of products (by id, after $after) with their newest $per_product reviews and the translations those reviews already have.
// :param prefix => '';
// :param after => '';
// :param k => 500;
// :param per_product => 5;
MATCH (p:Product)
WHERE p.id STARTS WITH $prefix AND p.id > $after
WITH p ORDER BY p.id LIMIT $k
CALL (p) {
  MATCH (rv:Review)-[:REVIEWS]->(p)
  WITH rv ORDER BY rv.at DESC, rv.id LIMIT $per_product
  RETURN collect({id: rv.id, text: rv.text, lang: rv.lang,
                  done: [(t:Translation)-[:TRANSLATES]->(rv) | {lang: t.lang, hash: t.source_hash, source: t.source}]})
         AS reviews
}
RETURN p.id AS id, reviews
