// The products with these ids: what a product page shows (brand, category path; shipping if $shipping).
UNWIND $ids AS id
MATCH (p:Product {id: id})
OPTIONAL MATCH (p)-[:OF_BRAND]->(b:Brand)
OPTIONAL MATCH (p)-[:IN_CATEGORY]->(c:Category)
RETURN p.id AS id, b.id AS brand_id, c.id AS category_id,
       b {.id, .name, .country, aliases: coalesce(b.aliases, [])} AS brand,
       [path = (c)-[:SUBCATEGORY_OF*0..]->(a:Category)
        | {depth: length(path), id: a.id,
           props: a {.level, .name_en, .name_de, .name_es, .name_fr, .name_pt, .name_zh, .name_ja}}]
         AS ancestors,
       CASE WHEN $shipping THEN [(p)-[s:SHIPS_TO]->(k:Country)
        | {country: k.code, country_name: k.name, days: s.days, cost: s.cost}] END AS shipping,
       p {.price, .list_price, .list_currency, .colour, .material, .size, .gender, .age_group,
          .avg_rating, .review_count, .sentiment, .stock,
          .title_en, .title_de, .title_es, .title_fr, .title_pt, .title_zh, .title_ja,
          .description_en, .description_de, .description_es, .description_fr,
          .description_pt, .description_zh, .description_ja} AS props,
       [(t:Translation)-[:TRANSLATES]->(p) | [t.field + '_' + t.lang, t.text, t.source]] AS translations
