"""Build questions.jsonl: my own phrasings (phrasings.py) filled with facts read from Neo4j by my own Cypher."""
import json, random, re, sys
sys.path.insert(0, '/work/eval13b')
from q import q
from phrasings import P, CN, COUNTS, cphrase

rng = random.Random(1313)
LANGS = ['en', 'de', 'es', 'fr', 'pt', 'zh', 'ja']
ZERO_DEC = {'JPY', 'KRW', 'CLP', 'COP', 'ISK', 'HUF', 'TWD', 'AOA', 'ARS', 'INR', 'THB'}  # tolerance handles rounding anyway

cur = {r['code']: r for r in q("MATCH (c:Currency) RETURN c.code AS code, c.rate AS rate, c.rate_date AS rate_date")}
countries = {r['code']: r for r in q("""MATCH (c:Country)-[:USES_CURRENCY]->(x) RETURN c.code AS code, x.code AS currency,
   c.duty_percent AS duty, c.vat_percent AS vat, c.de_minimis AS demin, c.promise_min_days AS pmin, c.promise_max_days AS pmax""")}
RATE_DATES = sorted({str(c['rate_date']) for c in cur.values() if c['rate_date']})

def conv(eur, code):
    return round(eur * cur[code]['rate'], 2)

def money_all(eur, extra=()):
    vals = {round(eur, 2)}
    for code in set(extra):
        vals.add(conv(eur, code))
    return vals

orders = q("""MATCH (o:Order)-[:PLACED_BY]->(s:Shopper), (o)-[:SHIPS_TO_COUNTRY]->(c:Country)
  MATCH (o)-[cl:CONTAINS]->(p:Product)
  MATCH (o)-[:HAD_STATUS]->(e:OrderEvent)
  WITH o, s, c, collect(DISTINCT {pid:p.id, price:cl.price, cur:cl.currency, qty:cl.quantity}) AS lines, e ORDER BY e.at
  WITH o, s, c, lines, collect({status:e.status, at:e.at, note:e.note}) AS ev
  RETURN o.id AS id, s.id AS shopper, s.language AS lang, s.currency AS scur, s.country AS scountry, c.code AS dest,
    o.carrier AS carrier, o.tracking_id AS tracking, o.promised_by AS promised, o.estimated_by AS estimated,
    toString(o.placed_at) AS placed, o.currency AS ocur, lines, ev""")
for o in orders:
    for e in o['ev']:
        e['at'] = str(e['at'])[:10]
    o['last'] = o['ev'][-1]
    o['dates'] = sorted({e['at'] for e in o['ev']} | {str(o['promised'])[:10], str(o['estimated'])[:10], o['placed'][:10]})
    o['promised'] = str(o['promised']); o['estimated'] = str(o['estimated'])
by_shopper = {}
for o in orders:
    by_shopper.setdefault(o['shopper'], []).append(o)
shoppers = {r['id']: r for r in q("MATCH (s:Shopper) RETURN s.id AS id, s.language AS lang, s.country AS country, s.currency AS currency")}

prods = {r['id']: r for r in q("""MATCH (p:Product)-[:IN_CATEGORY]->(c:Category)
  RETURN p.id AS id, p.price AS price, p.colour AS colour, p.material AS material, p.size AS size, p.avg_rating AS rating,
   p.review_count AS reviews, c.id AS cat, p.stock AS stock,
   {en:p.title_en, de:p.title_de, es:p.title_es, fr:p.title_fr, pt:p.title_pt, zh:p.title_zh, ja:p.title_ja} AS titles,
   {en:p.description_en, de:p.description_de, es:p.description_es, fr:p.description_fr, pt:p.description_pt, zh:p.description_zh, ja:p.description_ja} AS descs""")}
ships = {}
for r in q("MATCH (p:Product)-[r:SHIPS_TO]->(c:Country) RETURN p.id AS p, c.code AS c, r.days AS days, r.cost AS cost"):
    ships[(r['p'], r['c'])] = r
restr = {}
for r in q("MATCH (p:Product)-[r:RESTRICTED_IN]->(c:Country) RETURN p.id AS p, c.code AS c, r.reason AS reason"):
    restr[(r['p'], r['c'])] = r['reason']
policies = {}
for r in q("MATCH (r:ReturnPolicy) RETURN r.country AS c, r.category_id AS cat, r.window_days AS w, r.paid_by AS by, r.exceptions AS ex"):
    policies[(r['c'], r['cat'])] = r

def policy(country, cat):
    return policies.get((country, cat)) or policies.get((country, None))

# words a shopper may see in any language for each restriction reason (my own normalisation of the reason)
REASON_KW = {
 'lithium': ['lithium', 'Lithium', 'litio', 'lítio', '锂', 'リチウム'],
 'blade': ['blade', 'bladed', 'Klinge', 'Messer', 'hoja', 'cuchill', 'lame', 'couteau', 'lâmina', 'faca', '刀', '刃'],
 'perfume': ['perfume', 'Parfum', 'parfum', 'perfume', '香水', 'flammable', 'entzündlich', 'inflamable', 'inflammable', 'inflamável', '易燃', '引火'],
 'radio': ['radio', 'Funk', 'rádio', 'certif', 'Zertifi', '认证', '無線', '認証'],
}
def reason_kind(reason):
    r = reason.lower()
    for k in ('lithium', 'blade', 'perfume', 'radio'):
        if k in r:
            return k
    return None

ATTR_LABEL = {
 'colour': dict(en='Colour', de='Farbe', es='Color', fr='Couleur', pt='Cor', zh='颜色', ja='カラー'),
 'material': dict(en='Material', de='Material', es='Material', fr='Matière', pt='Material', zh='材质', ja='素材'),
 'size': dict(en='Size', de='Größe', es='Talla', fr='Taille', pt='Tamanho', zh='尺寸', ja='サイズ'),
}
def local_attr(p, attr, lang):
    d = p['descs'].get(lang) or ''
    lab = ATTR_LABEL[attr][lang]
    m = re.search(re.escape(lab) + r'\s*[:：]\s*([^.。]+)[.。]', d)
    return m.group(1).strip() if m else None

def pname(p, lang, k):
    # mostly the title in the asker's language, sometimes the product id or the English title
    r = k % 5
    if r == 3:
        return p['id']
    if r == 4 and lang in ('zh', 'ja', 'pt'):
        return p['titles']['en']
    return p['titles'][lang]

out = []
def add(lang, intent, text, shopper, facts, handoff=None, mnc=(), ctx=None, scenario=None, note=None):
    qid = f"{lang}-{len([x for x in out if x['language']==lang])+1:03d}"
    out.append(dict(id=qid, language=lang, shopper=shopper, text=text, intent=intent, scenario=scenario,
                    facts=facts, handoff_expected=handoff, must_not_contain=list(mnc), context=ctx or {}, note=note))

def order_facts(o, kind):
    st = o['last']
    f = [dict(type='text', value=o['tracking'], what='tracking'), dict(type='text', value=o['carrier'], what='carrier')]
    if kind == 'where':
        f = [dict(type='status', value=st['status'], what='status'), dict(type='date', value=st['at'], what='latest step date')] + f
        if st.get('note'):
            f.append(dict(type='keyword', value=st['note'], any=['inspection', 'Prüfung', 'Kontrolle', 'inspección', 'inspection', 'inspeção', '查验', '检查', '検査'], what='note'))
    else:
        if st['status'] in ('delivered', 'returned'):
            dd = [e['at'] for e in o['ev'] if e['status'] == 'delivered']
            f = [dict(type='date', value=dd[0], what='delivered date')] + f if dd else f
        elif st['status'] == 'cancelled':
            f = [dict(type='status', value='cancelled', what='status')] + f
        else:
            f = [dict(type='date', value=str(o['estimated'])[:10], what='estimated date'),
                 dict(type='date', value=str(o['promised'])[:10], what='promised date')] + f
    return f

def order_ctx(o, asker_cur):
    amts = set()
    for l in o['lines']:
        amts.add(l['price']); amts.add(round(l['price'] * l['qty'], 2))
        pr = prods[l['pid']]
        amts |= money_all(pr['price'], [asker_cur, o['ocur'], 'EUR'])
    return dict(dates=o['dates'], amounts=sorted(amts), percents=[], days=[])

for lang in LANGS:
    k = 0
    sh_lang = [s for s in shoppers.values() if s['lang'] == lang and s['id'] in by_shopper]
    rng.shuffle(sh_lang)
    used_orders = set()
    def pick_order(pref):
        for want in pref:
            for s in sh_lang:
                for o in by_shopper[s['id']]:
                    if o['id'] not in used_orders and o['last']['status'] in want:
                        used_orders.add(o['id'])
                        return o
        raise RuntimeError('no order')
    tmpl = lambda intent, i: P[intent][lang][i % len(P[intent][lang])]
    # where is my order (with id): a mix of statuses
    mix = [[('shipped', 'in_customs', 'paid', 'placed')], [('delivered',)], [('returned',)], [('cancelled',), ('delivered',)], [('in_customs',), ('shipped',), ('delivered',)]]
    for i in range(COUNTS['where_order']):
        o = pick_order(mix[i] + [('delivered',)])
        add(lang, 'where_order', tmpl('where_order', i).format(order=o['id']), o['shopper'], order_facts(o, 'where'),
            ctx=order_ctx(o, shoppers[o['shopper']]['currency']), note=f"latest status {o['last']['status']}")
    # without an id: shoppers with exactly one order
    singles = [s for s in sh_lang if len(by_shopper[s['id']]) == 1 and by_shopper[s['id']][0]['id'] not in used_orders]
    for i in range(COUNTS['where_order_noid']):
        s = singles.pop(); o = by_shopper[s['id']][0]; used_orders.add(o['id'])
        add(lang, 'where_order', tmpl('where_order_noid', i), s['id'], order_facts(o, 'where'), ctx=order_ctx(o, s['currency']),
            scenario='no order id, shopper has exactly one order', note=f"order {o['id']} status {o['last']['status']}")
    for i in range(COUNTS['when_arrive']):
        o = pick_order([('shipped', 'in_customs', 'paid', 'placed'), ('delivered',)])
        add(lang, 'when_arrive', tmpl('when_arrive', i).format(order=o['id']), o['shopper'], order_facts(o, 'when'),
            ctx=order_ctx(o, shoppers[o['shopper']]['currency']), note=f"latest status {o['last']['status']}")
    for i in range(COUNTS['when_arrive_noid']):
        s = singles.pop(); o = by_shopper[s['id']][0]; used_orders.add(o['id'])
        add(lang, 'when_arrive', tmpl('when_arrive_noid', i), s['id'], order_facts(o, 'when'), ctx=order_ctx(o, s['currency']),
            scenario='no order id, shopper has exactly one order', note=f"order {o['id']} status {o['last']['status']}")
    # another shopper's order: must leak nothing
    for i in range(COUNTS['other_order']):
        asker = sh_lang[i]['id']
        victim = pick_order([('shipped', 'in_customs', 'delivered', 'returned')])
        while victim['shopper'] == asker:
            victim = pick_order([('delivered',)])
        mine_pids = {l['pid'] for o in by_shopper[asker] for l in o['lines']}
        mine_dates = {d for o in by_shopper[asker] for d in o['dates']}
        mnc = [victim['tracking']] + [prods[l['pid']]['titles'][lang] for l in victim['lines'] if l['pid'] not in mine_pids]
        mnc += [d for d in [str(victim['promised'])[:10], str(victim['estimated'])[:10]] if d not in mine_dates]
        ctxd = sorted(mine_dates)
        add(lang, 'where_order' if i == 0 else 'when_arrive', tmpl('other_order', i).format(order=victim['id']), asker, [],
            mnc=mnc, ctx=dict(dates=ctxd, amounts=[], percents=[], days=[]), scenario='order of another shopper',
            note=f"order belongs to {victim['shopper']}")
    for i in range(COUNTS['anon_order']):
        o = pick_order([('delivered', 'shipped')])
        add(lang, 'where_order', tmpl('anon_order', i).format(order=o['id']), None, [], mnc=[o['tracking']],
            ctx=dict(dates=[], amounts=[], percents=[], days=[]), scenario='anonymous asks for an order: should ask to sign in')
    # shipping
    dest_pool = ['DE', 'FR', 'ES', 'US', 'BR', 'JP', 'CN', 'GB', 'IT', 'MX', 'CA', 'AU', 'CH', 'AT', 'NL', 'KR', 'PT', 'SE', 'NO']
    plist = sorted(prods)
    asked_shoppers = [s for s in shoppers.values() if s['lang'] == lang]
    rng.shuffle(asked_shoppers)
    used_p = set()
    def pick_prod(cond):
        for _ in range(5000):
            pid = rng.choice(plist)
            if pid in used_p:
                continue
            c = cond(pid)
            if c:
                used_p.add(pid)
                return pid, c
        raise RuntimeError('no product')
    for i in range(COUNTS['ship_yes'] + COUNTS['ship_yes_anon']):
        anon = i >= COUNTS['ship_yes']
        s = asked_shoppers[i]
        dest = rng.choice(dest_pool)
        pid, sh = pick_prod(lambda p: (p, dest) in ships and (p, dest) not in restr and prods[p]['stock'] != 0 and ships[(p, dest)])
        p = prods[pid]
        ac = s['currency']
        facts = [dict(type='number', value=sh['days'], what='shipping days')]
        if not anon:
            facts += [dict(type='money', value=conv(p['price'], ac), currency=ac, what='price in asker currency'),
                      dict(type='money', value=conv(sh['cost'], ac), currency=ac, what='shipping cost in asker currency')]
        text = tmpl('ship_yes_anon' if anon else 'ship_yes', i).format(product=pname(p, lang, k), **cphrase(dest, lang)); k += 1
        dc = countries[dest]['currency']
        amts = money_all(p['price'], [ac, dc, 'EUR']) | money_all(sh['cost'], [ac, dc, 'EUR'])
        amts |= {round(conv(p['price'], c2) + conv(sh['cost'], c2), 2) for c2 in {ac, dc, 'EUR'}}
        add(lang, 'ship_yes', text, None if anon else s['id'], facts, ctx=dict(dates=RATE_DATES, amounts=sorted(amts), percents=[],
            days=[sh['days'], countries[dest]['pmin'], countries[dest]['pmax']], polarity='yes', product=pid, dest=dest, asker_currency=None if anon else ac),
            scenario='anonymous' if anon else None)
    for i in range(COUNTS['ship_no'] + COUNTS['restricted_why']):
        why = i >= COUNTS['ship_no']
        s = asked_shoppers[10 + i]
        dest = None
        def cond(p):
            opts = [c for c in dest_pool if (p, c) in restr and reason_kind(restr[(p, c)])]
            return rng.choice(opts) if opts else None
        pid, dest = pick_prod(cond)
        p = prods[pid]; reason = restr[(pid, dest)]
        facts = [dict(type='keyword', value=reason, any=[reason] + REASON_KW[reason_kind(reason)], what='restriction reason')]
        text = tmpl('restricted_why' if why else 'ship_no', i).format(product=pname(p, lang, k), **cphrase(dest, lang)); k += 1
        add(lang, 'restricted_why' if why else 'ship_no', text, s['id'], facts,
            ctx=dict(dates=RATE_DATES, amounts=sorted(money_all(p['price'], [s['currency'], 'EUR'])), percents=[], days=[], polarity='no', product=pid, dest=dest))
    # returns
    blades = {'gpt:3495', 'gpt:4095', 'gpt:665'}
    def ret_facts(pol):
        f = [dict(type='number', value=pol['w'], what='return window days'), dict(type='payer', value=pol['by'], what='who pays')]
        if pol['cat']:
            f.append(dict(type='keyword', value=pol['ex'][0], any=pol['ex'] + REASON_KW['blade'], what='exception'))
        return f
    for i in range(COUNTS['returns_product']):
        s = asked_shoppers[20 + i]
        dest = rng.choice(dest_pool)
        pid, _ = pick_prod(lambda p: (prods[p]['cat'] in blades) == (i == 2) or None)
        p = prods[pid]; pol = policy(dest, p['cat'])
        text = tmpl('returns_product', i).format(product=pname(p, lang, k), **cphrase(dest, lang)); k += 1
        add(lang, 'returns', text, s['id'] if i != 1 else None, ret_facts(pol), ctx=dict(dates=[], amounts=sorted(money_all(p['price'], [s['currency'], 'EUR'])), percents=[], days=[pol['w']]),
            note=f"policy {(pol['cat'] or '*')}@{dest}")
    for i in range(COUNTS['returns_home']):
        s = asked_shoppers[25 + i]
        pid, _ = pick_prod(lambda p: (prods[p]['cat'] in blades))
        p = prods[pid]; pol = policy(s['country'], p['cat'])
        add(lang, 'returns', tmpl('returns_home', i).format(product=pname(p, lang, k)), s['id'], ret_facts(pol),
            ctx=dict(dates=[], amounts=sorted(money_all(p['price'], [s['currency'], 'EUR'])), percents=[], days=[pol['w']]),
            scenario='home country of the shopper', note=f"policy {(pol['cat'] or '*')}@{s['country']}"); k += 1
    for i in range(COUNTS['returns_order']):
        o = pick_order([('delivered',)])
        p = prods[o['lines'][0]['pid']]; pol = policy(o['dest'], p['cat'])
        add(lang, 'returns', tmpl('returns_order', i).format(order=o['id']), o['shopper'], ret_facts(pol),
            ctx=dict(dates=o['dates'], amounts=order_ctx(o, o['scur'])['amounts'], percents=[], days=[pol['w']]),
            scenario='return of an own order', note=f"policy {(pol['cat'] or '*')}@{o['dest']}")
    # duties
    def duty_facts(dest, ac):
        c = countries[dest]
        return [dict(type='percent', value=c['duty'], what='duty %'), dict(type='percent', value=c['vat'], what='VAT %'),
                dict(type='money', value=conv(c['demin'], ac) if ac else c['demin'], currency=ac,
                     alt=[c['demin'], conv(c['demin'], c['currency'])] if not ac else [], what='duty-free threshold')]
    duty_pool = ['US', 'JP', 'BR', 'GB', 'CH', 'AU', 'SA', 'MX', 'KR', 'IN', 'ZA', 'NO', 'TR', 'CA', 'DE', 'FR']
    for i in range(COUNTS['duties_country']):
        s = asked_shoppers[30 + i]; dest = rng.choice(duty_pool)
        anon = i == 2
        ac = None if anon else s['currency']
        c = countries[dest]
        add(lang, 'duties', tmpl('duties_country', i).format(**cphrase(dest, lang)), None if anon else s['id'], duty_facts(dest, ac),
            ctx=dict(dates=RATE_DATES, amounts=sorted(money_all(c['demin'], [s['currency'], c['currency'], 'EUR'])), percents=[c['duty'], c['vat']], days=[]),
            scenario='anonymous: threshold accepted in EUR or the destination currency' if anon else None)
    for i in range(COUNTS['duties_home']):
        s = [x for x in asked_shoppers[40:] if x['country'] != 'DE' or lang == 'de'][0]; c = countries[s['country']]
        add(lang, 'duties', tmpl('duties_home', i), s['id'], duty_facts(s['country'], s['currency']),
            ctx=dict(dates=RATE_DATES, amounts=sorted(money_all(c['demin'], [s['currency'], c['currency'], 'EUR'])), percents=[c['duty'], c['vat']], days=[]),
            scenario='home country of the shopper', note=f"home {s['country']}")
    # product questions
    for attr in ('colour', 'material', 'size'):
        pid, val = pick_prod(lambda p: prods[p][attr] and local_attr(prods[p], attr, lang))
        p = prods[pid]
        add(lang, 'prod_' + attr, tmpl('prod_' + attr, 0).format(product=pname(p, lang, k)), None,
            [dict(type='keyword', value=val, any=[val, p[attr]], what=attr)],
            ctx=dict(dates=[], amounts=sorted(money_all(p['price'], ['EUR'])), percents=[], days=[])); k += 1
    pid, _ = pick_prod(lambda p: (prods[p]['reviews'] or 0) >= 2)
    p = prods[pid]
    add(lang, 'prod_rating', tmpl('prod_rating', 0).format(product=pname(p, lang, k)), asked_shoppers[50]['id'],
        [dict(type='number', value=round(p['rating'], 1), tol=0.051, what='average rating'), dict(type='number', value=p['reviews'], what='review count')],
        ctx=dict(dates=[], amounts=sorted(money_all(p['price'], [asked_shoppers[50]['currency'], 'EUR'])), percents=[], days=[])); k += 1
    pid, _ = pick_prod(lambda p: (prods[p]['reviews'] or 0) >= 1)
    p = prods[pid]
    add(lang, 'prod_aspect', tmpl('prod_aspect', 0).format(product=pname(p, lang, k)), None, [],
        ctx=dict(dates=[], amounts=sorted(money_all(p['price'], ['EUR'])), percents=[], days=[]),
        note='aspect: no fixed fact required (reviews mentioning it vary by wording)'); k += 1
    for i in range(COUNTS['similar']):
        pid, _ = pick_prod(lambda p: True)
        add(lang, 'similar', tmpl('similar', i).format(product=pname(prods[pid], lang, k)), asked_shoppers[55 + i]['id'] if i != 1 else None, [],
            handoff='recommendations', ctx=dict(dates=[], amounts=[], percents=[], days=[], product=pid)); k += 1
    for i in range(COUNTS['human']):
        add(lang, 'human', tmpl('human', i), asked_shoppers[(60 + i) % len(asked_shoppers)]['id'] if i != 2 else None, [], handoff='human',
            ctx=dict(dates=[], amounts=[], percents=[], days=[]))
    for kind in ('offtopic', 'gibberish'):
        for i in range(COUNTS[kind]):
            add(lang, 'cannot_help', tmpl(kind, i), asked_shoppers[(65 + i) % len(asked_shoppers)]['id'] if i == 0 else None, [], handoff='human',
                ctx=dict(dates=[], amounts=[], percents=[], days=[]), scenario=kind)

with open('/work/eval13b/questions.jsonl', 'w') as f:
    for x in out:
        f.write(json.dumps(x, ensure_ascii=False) + '\n')
from collections import Counter
print(len(out), Counter(x['language'] for x in out), Counter(x['intent'] for x in out))
