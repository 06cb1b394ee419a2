// Benchmark floor: a whole product page in one hand-written query (title fallback, price in a currency, brand, breadcrumbs, shipping).
MATCH (p:Product {id: $id})
OPTIONAL MATCH (p)-[:OF_BRAND]->(b:Brand)
OPTIONAL MATCH (p)-[:IN_CATEGORY]->(c:Category)
OPTIONAL MATCH (cur:Currency {code: $currency})
RETURN p.id AS id,
       coalesce(p['title_' + $lang], p.title_en, p.title_de, p.title_es, p.title_fr, p.title_pt,
                p.title_zh, p.title_ja) AS title,
       coalesce(p['description_' + $lang], p.description_en) AS description,
       round(p.price * cur.rate, 2) AS price, cur.rate_date AS rate_date,
       p.avg_rating AS avg_rating, p.review_count AS review_count, b.name AS brand,
       reverse([(c)-[:SUBCATEGORY_OF*0..]->(a:Category)
                | {id: a.id, name: coalesce(a['name_' + $lang], a.name_en)}]) AS breadcrumbs,
       [(p)-[s:SHIPS_TO]->(k:Country)
        | {country: k.code, days: s.days, cost: round(s.cost * cur.rate, 2)}] AS ships_to
