"""Local helper: facts about the catalog (used to write honest labels). Own work, CC0."""
import json, collections, sys, os
H = os.path.dirname(os.path.abspath(__file__))
def rows(f): return [json.loads(l) for l in open(os.path.join(H, 'catalog', f), encoding='utf-8')]
RATES = {r['currency']: r['rate'] for r in rows('exchange_rates.jsonl')}; RATES['EUR'] = 1.0
P = rows('products.jsonl')
SHIP = collections.defaultdict(set)
for s in rows('shipping.jsonl'): SHIP[s['product_id']].add(s['country'])
RESTR = collections.defaultdict(set)
for s in rows('restrictions.jsonl'): RESTR[s['product_id']].add(s['country'])
def eur(p): return p['price'] / RATES[p['currency']]
def ships(p, c): return c in SHIP[p['id']] and c not in RESTR[p['id']]
if __name__ == '__main__':
    by = collections.defaultdict(list)
    for p in P: by[p['category_id']].append(p)
    for c, ps in by.items():
        print(c, len(ps), 'EUR %.0f-%.0f' % (min(map(eur, ps)), max(map(eur, ps))))
        print('   brands', dict(collections.Counter(p['brand_id'] for p in ps)))
        print('   colours', dict(collections.Counter(p['colour'] for p in ps)))
        print('   ship', dict(sorted(collections.Counter(c2 for p in ps for c2 in SHIP[p['id']] if ships(p, c2)).items())))
