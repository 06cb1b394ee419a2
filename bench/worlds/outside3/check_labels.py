"""Check labels against the catalog (own files only): no_match must mean zero products meet the labels."""
import json, os
from catalog_facts import P, eur, ships, RATES
H = os.path.dirname(os.path.abspath(__file__))

def meets(p, L):
    cats = ([L['category']] if L['category'] else []) + L['also_ok']
    if L['category'] is None:
        return False  # nothing the shop sells is labelled
    if p['category_id'] not in cats: return False
    if L['colour'] and p['colour'] != L['colour']: return False
    if L['brand'] and p['brand_id'] != L['brand']: return False
    if L['max_price'] is not None and eur(p) > L['max_price'] / RATES[L['currency']] * 1.005: return False
    if L['ship_to'] and not ships(p, L['ship_to']): return False
    if L['age_group'] and p.get('age_group') != L['age_group']: return False
    if L['material'] and p.get('material') != L['material']: return False
    return True

if __name__ == '__main__':
    bad = 0
    for l in open(os.path.join(H, 'labels.jsonl'), encoding='utf-8'):
        L = json.loads(l)
        n = sum(meets(p, L) for p in P)
        ok = (n == 0) == L['no_match']
        if not ok: bad += 1
        print('%-6s %3d %s %s' % (L['id'], n, 'OK ' if ok else 'BAD', L['query']))
    print('inconsistent:', bad)
