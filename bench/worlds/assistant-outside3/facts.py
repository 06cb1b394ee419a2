"""Export the graph facts score.py checks contradictions against (own Cypher)."""
import json
from cy import q
qs = [json.loads(l) for l in open('/work/eval13c/questions.jsonl')]
json.dump({r['c']: r['r'] for r in q("MATCH (c:Currency) RETURN c.code as c, c.rate as r")}, open('rates.json', 'w'))
oids = sorted({q_['contra']['order'] for q_ in qs if 'order' in q_['contra']})
orders = {}
for r in q("""MATCH (o:Order) WHERE o.id IN $ids OPTIONAL MATCH (o)-[:HAD_STATUS]->(e)
  RETURN o.id as id, o.tracking_id as t, o.placed_at as pa, o.promised_by as pb, o.estimated_by as eb, collect(toString(e.at)) as ev""", ids=oids):
    ds = [str(x)[:10] for x in [r['pa'], r['pb'], r['eb']] + r['ev'] if x]
    orders[r['id']] = {'tracking': r['t'], 'dates': sorted(set(ds))}
json.dump(orders, open('orders.json', 'w'), indent=0)
ships = {}
for q_ in qs:
    c = q_['contra']
    if c.get('ships'):
        r = q("MATCH (p:Product {id:$p})-[s:SHIPS_TO]->(:Country {code:$c}) RETURN p.price as price, s.cost as cost, s.days as days", p=c['product'], c=c['country'])[0]
        ships[f"{c['product']}|{c['country']}"] = r
json.dump(ships, open('ships.json', 'w'), indent=0)
print(len(orders), len(ships))
