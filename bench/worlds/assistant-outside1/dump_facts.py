"""Read the graph facts needed for labels, with my own Cypher. Writes world/facts.json."""
import json, sys
from neo4j import GraphDatabase
pw = open('/work/eval13/state/neo4j/password').read().strip()
drv = GraphDatabase.driver('bolt://127.0.0.1:7797', auth=('neo4j', pw))
def q(cy, **p):
    with drv.session() as s:
        return [r.data() for r in s.run(cy, **p)]
def conv(v):
    if hasattr(v, 'iso_format'): return v.iso_format()
    if isinstance(v, dict): return {k: conv(x) for k, x in v.items()}
    if isinstance(v, list): return [conv(x) for x in v]
    return v
out = {}
out['counts'] = q("MATCH (n) RETURN labels(n)[0] AS l, count(*) AS c ORDER BY c DESC")
out['orders'] = q("""
MATCH (o:Order)-[:PLACED_BY]->(s:Shopper)
OPTIONAL MATCH (o)-[:SHIPS_TO_COUNTRY]->(c:Country)
OPTIONAL MATCH (o)-[:HAD_STATUS]->(e:OrderEvent)
WITH o, s, c, e ORDER BY e.at
WITH o, s, c, collect({status:e.status, at:e.at, note:e.note, id:e.id}) AS events
OPTIONAL MATCH (o)-[l:CONTAINS]->(p:Product)
RETURN o.id AS id, s.id AS shopper, s.language AS lang, s.currency AS shopper_currency, s.country AS shopper_country,
  c.code AS dest, o.currency AS currency, o.placed_at AS placed_at, o.carrier AS carrier, o.tracking_id AS tracking,
  o.promised_by AS promised_by, o.estimated_by AS estimated_by, events,
  collect({product:p.id, q:l.quantity, price:l.price, currency:l.currency}) AS lines
""")
out['shoppers'] = q("MATCH (s:Shopper) OPTIONAL MATCH (o:Order)-[:PLACED_BY]->(s) RETURN s.id AS id, s.language AS lang, s.currency AS currency, s.country AS country, count(o) AS n_orders")
out['products'] = q("""
MATCH (p:Product) OPTIONAL MATCH (p)-[:IN_CATEGORY]->(c:Category) OPTIONAL MATCH (p)-[:OF_BRAND]->(b:Brand)
RETURN p.id AS id, p.price AS price, p.colour AS colour, p.material AS material, p.size AS size, p.gender AS gender,
 p.avg_rating AS avg_rating, p.review_count AS review_count, p.stock AS stock, c.id AS category, c.name_en AS category_name, b.name AS brand,
 {en:p.title_en, de:p.title_de, es:p.title_es, fr:p.title_fr, pt:p.title_pt, zh:p.title_zh, ja:p.title_ja} AS titles,
 {en:p.description_en, de:p.description_de, es:p.description_es, fr:p.description_fr, pt:p.description_pt, zh:p.description_zh, ja:p.description_ja} AS descriptions
""")
out['ships'] = q("MATCH (p:Product)-[r:SHIPS_TO]->(c:Country) RETURN p.id AS product, c.code AS country, r.days AS days, r.cost AS cost")
out['restricted'] = q("MATCH (p:Product)-[r:RESTRICTED_IN]->(c:Country) RETURN p.id AS product, c.code AS country, r.reason AS reason")
out['countries'] = q("""MATCH (c:Country) OPTIONAL MATCH (c)-[:USES_CURRENCY]->(cur:Currency)
RETURN c.code AS code, c.name AS name, c.languages AS languages, cur.code AS currency, cur.rate AS rate, cur.rate_date AS rate_date,
 c.duty_percent AS duty, c.vat_percent AS vat, c.de_minimis AS de_minimis, c.promise_min_days AS pmin, c.promise_max_days AS pmax, c.promise_carrier AS pcarrier,
 {en:c.duty_text_en, de:c.duty_text_de, es:c.duty_text_es, fr:c.duty_text_fr, pt:c.duty_text_pt, zh:c.duty_text_zh, ja:c.duty_text_ja} AS duty_texts""")
out['currencies'] = q("MATCH (c:Currency) RETURN c.code AS code, c.rate AS rate, c.rate_date AS rate_date")
out['policies'] = q("""MATCH (r:ReturnPolicy) OPTIONAL MATCH (r)-[:APPLIES_IN]->(c:Country) OPTIONAL MATCH (r)-[:APPLIES_TO]->(cat:Category)
RETURN r.id AS id, c.code AS country, cat.id AS category, r.window_days AS window, r.paid_by AS paid_by, r.exceptions AS exceptions""")
out['cat_parents'] = q("MATCH (p:Product)-[:IN_CATEGORY]->(c:Category) WITH DISTINCT c MATCH path=(c)-[:SUBCATEGORY_OF*0..]->(a:Category) RETURN c.id AS cat, [n IN nodes(path) | n.id] AS chain ORDER BY length(path) DESC")
out['reviews'] = q("MATCH (r:Review)-[:REVIEWS]->(p:Product) RETURN p.id AS product, count(*) AS n, avg(r.rating) AS avg")
out['help'] = q("MATCH (h:HelpArticle) RETURN h.id AS id, h.topic AS topic, h.title_en AS title")
json.dump(conv(out), open('/work/eval13/world/facts.json', 'w'), indent=1, ensure_ascii=False, default=str)
print({k: len(v) for k, v in out.items()})
