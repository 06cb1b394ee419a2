"""Build questions.jsonl from templates.py and world/facts.json (labels from my own Cypher)."""
import json, random, sys, collections
sys.path.insert(0, '/work/eval13')
from templates import T, CN
F = json.load(open('/work/eval13/world/facts.json'))
R = random.Random(13013)
LANGS = ['en', 'de', 'es', 'fr', 'pt', 'zh', 'ja']
ZERO_DEC = {'JPY', 'KRW', 'CLP', 'VND', 'IDR', 'HUF', 'ISK', 'COP', 'TWD'}
cur = {c['code']: c for c in F['currencies']}
cty = {c['code']: c for c in F['countries']}
prod = {p['id']: p for p in F['products']}
shoppers = {s['id']: s for s in F['shoppers']}
ships = {(s['product'], s['country']): s for s in F['ships']}
restr = {(s['product'], s['country']): s for s in F['restricted']}
chains = {}
for r in F['cat_parents']:
    chains.setdefault(r['cat'], r['chain'])  # longest chain first
pol = {(p['category'] or '*', p['country']): p for p in F['policies']}
USE = [c for c in CN if c in cty]
def money(eur, code):
    v = eur * cur[code]['rate']
    return round(v, 0 if code in ZERO_DEC else 2)
def d(x):
    return None if x is None else str(x)[:10]
import re
LAB = {'colour': dict(en='Colour', de='Farbe', es='Color', fr='Couleur', pt='Cor', zh='颜色', ja='カラー'),
       'material': dict(en='Material', de='Material', es='Material', fr='Matière', pt='Material', zh='材质', ja='素材')}
def loc(p, need, L):
    m = re.search(re.escape(LAB[need][L]) + r'\s*[:：]\s*([^.。]+)', p['descriptions'][L] or '')
    return [m.group(1).strip()] if m else []
def policy_for(pid, cc):
    for cat in chains.get(prod[pid]['category'], [prod[pid]['category']]):
        if (cat, cc) in pol: return pol[(cat, cc)]
    return pol.get(('*', cc))
orders_by_lang = collections.defaultdict(list)
for o in F['orders']:
    if o['events'] and o['events'][-1]['status']:
        orders_by_lang[o['lang']].append(o)
shoppers_by_lang = collections.defaultdict(list)
for s in F['shoppers']:
    shoppers_by_lang[s['lang']].append(s)
all_orders = [o for os in orders_by_lang.values() for o in os]
Q = []
def add(lang, intent, shopper, text, facts, handoff=None, mnc=(), tags=(), exp_api=None):
    Q.append(dict(id=f"{lang}-{len([q for q in Q if q['language']==lang])+1:03d}", language=lang, shopper=shopper,
                  text=text, expected_intent=intent, facts=facts, handoff_expected=handoff,
                  must_not_contain=list(mnc), tags=list(tags)))
def pick_orders(lang, n):
    os_ = sorted(orders_by_lang[lang], key=lambda o: o['id'])
    by_status = collections.defaultdict(list)
    for o in os_: by_status[o['events'][-1]['status']].append(o)
    out, keys = [], sorted(by_status)
    while len(out) < n and any(by_status.values()):
        for k in keys:
            if by_status[k] and len(out) < n:
                out.append(by_status[k].pop(R.randrange(len(by_status[k]))))
    return out
used_orders = set()
for L in LANGS:
    tp = T[L]
    # --- where is my order
    orders = [o for o in pick_orders(L, 40) if o['id'] not in used_orders]
    for i in range(6):
        o = orders.pop(0); used_orders.add(o['id'])
        last = o['events'][-1]
        f = [dict(kind='status', value=last['status'])]
        gone = last['status'] in ('shipped', 'in_customs', 'delivered', 'returned')
        if o['tracking']: f.append(dict(kind='text', value=o['tracking'], soft=not gone))
        if o['carrier']: f.append(dict(kind='text', value=o['carrier'], soft=not gone))
        if last.get('note'): f.append(dict(kind='text', value=last['note'], soft=True))
        add(L, 'where_order', o['shopper'], tp['where_order'][i].format(o=o['id']), f, tags=['order:' + o['id']])
    for i in range(5):
        o = orders.pop(0); used_orders.add(o['id'])
        last = o['events'][-1]; st = last['status']
        f = [dict(kind='status', value=st, soft=st not in ('delivered', 'cancelled', 'returned'))]
        if st == 'delivered': f.append(dict(kind='date', value=d(last['at']), what='delivered on'))
        soft = st in ('delivered', 'cancelled', 'returned')
        if o['estimated_by']: f.append(dict(kind='date', value=d(o['estimated_by']), what='estimated', soft=soft))
        if o['promised_by']: f.append(dict(kind='date', value=d(o['promised_by']), what='promised', soft=soft))
        add(L, 'when_arrive', o['shopper'], tp['when_arrive'][i].format(o=o['id']), f, tags=['order:' + o['id']])
    pool = sorted({q['shopper'] for q in Q if q['language'] == L and q['shopper']})
    askers = [shoppers[x] for x in pool]
    # anonymous asks about an order -> sign in, leak nothing
    o = orders.pop(0); used_orders.add(o['id'])
    add(L, 'where_order', None, tp['where_order'][0].format(o=o['id']), [], mnc=[x for x in [o['tracking']] if x],
        tags=['anonymous', 'order:' + o['id']])
    # another shopper's order
    others = [x for x in all_orders if x['lang'] != L and x['id'] not in used_orders and x['tracking']]
    mine = [s for s in shoppers_by_lang[L] if s['n_orders'] > 0]
    for i in range(3):
        o = others.pop(R.randrange(len(others))); used_orders.add(o['id'])
        asker = R.choice([s for s in askers if s['id'] != o['shopper']])
        mnc = [o['tracking']]
        if o['events'][-1].get('note'): mnc.append(o['events'][-1]['note'])
        add(L, 'other_order', asker['id'], tp['other_order'][i].format(o=o['id']), [], mnc=mnc,
            tags=['leak', 'order:' + o['id'], 'owner:' + o['shopper']])
    # --- ships to (yes)
    yes_pairs = sorted(k for k in ships if k[1] in USE)
    for i in range(6):
        pid, cc = yes_pairs.pop(R.randrange(len(yes_pairs)))
        s = ships[(pid, cc)]
        anon = (i == 4)
        if i == 5:
            text = tp['ships_to_title'][0].format(t=prod[pid]['titles'][L], c=CN[cc][L]); tags = ['by_title']
        else:
            text = tp['ships_to'][i].format(p=pid, c=CN[cc][L]); tags = []
        f = [dict(kind='yesno', value='yes'), dict(kind='number', value=s['days'], what='days')]
        if anon:
            add(L, 'ships_to', None, text, f, tags=tags + ['anonymous', 'country:' + cc, 'product:' + pid]); continue
        a = R.choice(askers); c = a['currency']
        f += [dict(kind='money', value=money(prod[pid]['price'], c), currency=c, what='price'),
              dict(kind='money', value=money(s['cost'], c), currency=c, what='shipping cost')]
        add(L, 'ships_to', a['id'], text, f, tags=tags + ['country:' + cc, 'product:' + pid])
    # --- restricted (no, why)
    no_pairs = sorted(k for k in restr if k[1] in USE)
    for i in range(3):
        pid, cc = no_pairs.pop(R.randrange(len(no_pairs)))
        a = R.choice(askers) if i != 1 else None
        add(L, 'why_restricted', a and a['id'], tp['why_restricted'][i].format(p=pid, c=CN[cc][L]),
            [dict(kind='yesno', value='no'), dict(kind='text', value=restr[(pid, cc)]['reason'])],
            tags=['country:' + cc, 'product:' + pid] + (['anonymous'] if a is None else []))
    # --- returns
    pids = sorted(prod)
    for i in range(3):
        while True:
            pid = R.choice(pids); cc = R.choice(USE); p = policy_for(pid, cc)
            if p: break
        f = [dict(kind='number', value=p['window'], what='window days'), dict(kind='payer', value=p['paid_by'])]
        for e in (p['exceptions'] or []): f.append(dict(kind='text', value=e, soft=True))
        add(L, 'returns', R.choice(askers)['id'] if i != 2 else None, tp['returns'][i].format(p=pid, c=CN[cc][L]), f,
            tags=['policy:' + p['id'], 'country:' + cc, 'product:' + pid])
    for i in range(2):
        cc = R.choice(USE); p = pol.get(('*', cc))
        if not p: continue
        f = [dict(kind='number', value=p['window'], what='window days'), dict(kind='payer', value=p['paid_by'])]
        add(L, 'returns', None, tp['returns_general'][i].format(c=CN[cc][L]), f, tags=['policy:' + p['id'], 'country:' + cc])
    # --- duties
    for i in range(4):
        cc = R.choice(USE); c = cty[cc]
        f = [dict(kind='percent', value=c['duty'], what='duty'), dict(kind='percent', value=c['vat'], what='vat')]
        a = R.choice(askers) if i % 2 == 0 else None
        if a and c['de_minimis'] is not None:
            f.append(dict(kind='money', value=money(c['de_minimis'], a['currency']), currency=a['currency'], what='de minimis'))
        add(L, 'duties', a and a['id'], tp['duties'][i].format(c=CN[cc][L]), f,
            tags=['country:' + cc] + (['anonymous'] if a is None else []))
    # --- product questions
    attr = ['material', 'reviews', 'colour', 'size', 'material']
    for i in range(5):
        while True:
            pid = R.choice(pids); p = prod[pid]
            need = attr[i]
            if need == 'reviews' and p['review_count']: break
            if need != 'reviews' and p.get(need) and (need != 'size' or p['review_count']): break
        if need == 'reviews':
            f = [dict(kind='number', value=round(p['avg_rating'], 1), what='avg rating', tol=0.051), dict(kind='number', value=p['review_count'], what='review count')]
        elif need == 'size':
            f = [dict(kind='text', value=p['size']), dict(kind='number', value=round(p['avg_rating'], 1), what='avg rating', tol=0.051)]
        else:
            f = [dict(kind='anyof', value=[p[need]] + loc(p, need, L), what=need)]
        if i == 4:
            text = tp['product_q_title'][0].format(t=p['titles'][L]); tags = ['by_title']
        else:
            text = tp['product_q'][i].format(p=pid); tags = []
        add(L, 'product_q', R.choice(askers)['id'] if i % 2 else None, text, f, tags=tags + ['product:' + pid])
    for i in range(3):
        pid = R.choice(pids)
        add(L, 'similar', None if i else R.choice(askers)['id'], tp['similar'][i].format(p=pid),
            [dict(kind='citation', value=pid)], handoff='recommendations', tags=['product:' + pid])
    for i in range(3):
        add(L, 'human', R.choice(askers)['id'] if i == 0 else None, tp['human'][i], [dict(kind='ticket')], handoff='human')
    for i in range(4):
        add(L, 'cant_help', None if i % 2 else R.choice(askers)['id'], tp['cant_help'][i], [dict(kind='ticket')], handoff='human')
with open('/work/eval13/questions.jsonl', 'w') as fh:
    for q in Q: fh.write(json.dumps(q, ensure_ascii=False) + '\n')
print(len(Q), collections.Counter(q['language'] for q in Q), collections.Counter(q['expected_intent'] for q in Q))
