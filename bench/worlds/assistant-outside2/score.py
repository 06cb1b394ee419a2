"""Black-box scorer for Borderless's `assistant` mutation (CC0, written for the outside question set in questions.jsonl).

Usage: python score.py --url http://127.0.0.1:8797/graphql --tokens tokens.json --questions questions.jsonl --out results.json
       [--bolt bolt://127.0.0.1:7797 --password-file state/neo4j/password]   (for the broad leak check: every tracking id in the graph)
       [--rescore results.json]  re-apply the checks to stored answers without calling the API

Everything it knows about the API comes from GraphQL introspection and the README:
  mutation assistant(message: String!, conversationId: ID, language: Language): AssistantReply
  AssistantReply { text language intent citations handoff conversationId ticketId }
  intent is one of: order_status delivery_estimate ships_to returns duties product_question similar human
Each question is sent once, on its own (no conversationId), signed in with `Authorization: Bearer <token>` of its
shopper (tokens minted with `borderless token --shopper ID --raw`), anonymously when shopper is null.
"""
import argparse, json, re, statistics, sys, time, urllib.request, urllib.error

API_INTENT = dict(where_order='order_status', when_arrive='delivery_estimate', ship_yes='ships_to', ship_no='ships_to',
                  restricted_why='ships_to', returns='returns', duties='duties', prod_colour='product_question',
                  prod_material='product_question', prod_size='product_question', prod_rating='product_question',
                  prod_aspect='product_question', similar='similar', human='human', cannot_help='human')
INTENT_GROUP = dict(where_order='where is my order', when_arrive='when will it arrive', ship_yes='ships to / cost',
                    ship_no='ships to: restricted', restricted_why='why restricted', returns='returns', duties='duties',
                    prod_colour='product question', prod_material='product question', prod_size='product question',
                    prod_rating='product question', prod_aspect='product question', similar='similar', human='ask for a person',
                    cannot_help='cannot help')
MUTATION = "mutation($m: String!) { assistant(message: $m) { text language intent citations handoff conversationId ticketId } }"

# ---------------------------------------------------------------- numbers
NUM_RE = re.compile(r"\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")

def num_candidates(tok):
    """All readings of a number as written: 1,234.56 / 1.234,56 / 1 234,56 / 1234 / 12,5."""
    out = set()
    t = re.sub(r"[ \u00a0\u202f'’]", '', tok)
    for dec, grp in (('.', ','), (',', '.')):
        s = t.replace(grp, '')
        if s.count(dec) <= 1:
            try:
                out.add(float(s.replace(dec, '.')))
            except ValueError:
                pass
    return out

def numbers(text):
    """Numbers standing on their own (not glued to letters such as tracking ids DH123, order ids, ticket ids)."""
    res = []
    for m in NUM_RE.finditer(text):
        a, b = m.start(), m.end()
        before = text[a - 1] if a > 0 else ' '
        after = text[b] if b < len(text) else ' '
        if (before.isascii() and before.isalpha()) or before == '-' and a > 1 and text[a - 2].isalnum():
            continue
        if after.isascii() and after.isalpha() and text[b:b + 2].lower() not in ('st', 'nd', 'rd', 'th') and not text[b:b + 2] in ('GB', 'TB', 'ml', 'cm', 'mm', 'kg', 'km'):
            if not re.match(r'[A-Z]{3}\b', text[b:b + 4].strip()):
                continue
        res.append((m.group(0), a, b, num_candidates(m.group(0))))
    return res

def near(c, v, tol):
    return abs(c - v) <= tol

def money_tol(v):
    return max(0.011, abs(v) * 0.005, 0.51 if abs(v) >= 1000 else 0)

# ---------------------------------------------------------------- dates
MONTHS = {}
for i, names in enumerate([
    'january jan januar janvier enero janeiro jänner', 'february feb februar février fevrier febrero fevereiro',
    'march mar märz maerz mars marzo março marco', 'april apr avril abril', 'may mai mayo maio',
    'june jun juni juin junio junho', 'july jul juli juillet julio julho', 'august aug août aout agosto',
    'september sep sept septembre septiembre setiembre setembro', 'october oct oktober octobre octubre outubro',
    'november nov novembre noviembre novembro', 'december dec dezember décembre decembre diciembre dezembro'], 1):
    for n in names.split():
        MONTHS[n] = i
MON_RE = '|'.join(sorted((re.escape(k) for k in MONTHS), key=len, reverse=True))

def dates(text):
    """Each date written in the text as a set of readings (y or None, m, d); d/m/y vs m/d/y gives two readings."""
    found = []
    spans = []
    def take(m, readings):
        spans.append((m.start(), m.end()))
        found.append({r for r in readings if 1 <= r[1] <= 12 and 1 <= r[2] <= 31})
    def free(m):
        return not any(a <= m.start() < b or a < m.end() <= b for a, b in spans)
    for m in re.finditer(r'(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日', text):
        take(m, {(int(m[1]), int(m[2]), int(m[3]))})
    for m in re.finditer(r'(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})', text):
        if free(m): take(m, {(int(m[1]), int(m[2]), int(m[3]))})
    for m in re.finditer(r'(\d{1,2})\s*月\s*(\d{1,2})\s*日', text):
        if free(m): take(m, {(None, int(m[1]), int(m[2]))})
    for m in re.finditer(r'\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b', text):
        if free(m):
            y = int(m[3]); y = y + 2000 if y < 100 else y
            take(m, {(y, int(m[2]), int(m[1])), (y, int(m[1]), int(m[2]))})
    for m in re.finditer(r'\b(\d{1,2})(?:\.|er|º)?\s*(?:de\s+)?(' + MON_RE + r')\.?(?:\s*(?:de\s+)?,?\s*(\d{4}))?', text, re.I):
        if free(m): take(m, {(int(m[3]) if m[3] else None, MONTHS[m[2].lower()], int(m[1]))})
    for m in re.finditer(r'\b(' + MON_RE + r')\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s*(\d{4}))?', text, re.I):
        if free(m): take(m, {(int(m[3]) if m[3] else None, MONTHS[m[1].lower()], int(m[2]))})
    return found, spans

def date_matches(readings, iso):
    y, m, d = (int(x) for x in iso[:10].split('-'))
    return (y, m, d) in readings or (None, m, d) in readings

# ---------------------------------------------------------------- words (my own normalisation, all languages pooled)
STATUS = {
 'placed': ['placed', 'received', 'feita', 'feito', 'aufgegeben', 'eingegangen', 'realizado', 'recibido', 'passée', 'passee', 'enregistrée', 'feito', 'realizado', '下单', '已提交', '注文を受け付け', '注文済', '受付'],
 'paid': ['paid', 'payment', 'paga', 'payée', 'bezahlt', 'zahlung', 'pagado', 'pago', 'payée', 'payee', 'paiement', 'pago', 'pagamento', '已付款', '付款', '支付', '支払', '入金'],
 'shipped': ['shipped', 'dispatched', 'on its way', 'in transit', 'versandt', 'versendet', 'verschickt', 'unterwegs', 'enviado', 'en camino', 'en tránsito', 'expédiée', 'expédié', 'expediee', 'en route', 'en transit', 'enviado', 'despachado', 'a caminho', 'em trânsito', '已发货', '发货', '运输中', '已寄出', '発送', '出荷', '輸送中'],
 'in_customs': ['customs', '通関', 'zoll', 'aduana', 'douane', 'alfândega', 'alfandega', '海关', '清关', '税関'],
 'delivered': ['delivered', 'zugestellt', 'geliefert', 'entregado', 'entregada', 'livrée', 'livré', 'livree', 'entregue', '已送达', '送达', '已签收', '签收', '妥投', '配達済', '配達完了', '配達され', 'お届け済', '配達'],
 'returned': ['returned', 'zurückgesandt', 'devolvida', 'devuelta', 'zurückgesendet', 'zurückgeschickt', 'retourniert', 'retoure', 'devuelto', 'devolución', 'retourné', 'retournée', 'retour', 'devolvido', 'devolução', '退货', '已退回', '退回', '返品'],
 'cancelled': ['cancelled', 'canceled', 'storniert', 'cancelado', 'cancelada', 'annulée', 'annulé', 'annulee', 'cancelado', '已取消', '取消', 'キャンセル'],
}
PAYER = {
 'shop': ['shop pays', 'we pay', 'paid by the shop', 'paid by us', 'free return', 'free of charge', 'at our expense', 'at our cost', 'we cover', 'the shop', 'on us',
          'shop zahlt', 'wir zahlen', 'wir übernehmen', 'kostenlos', 'übernimmt der shop', 'trägt der shop', 'zahlt der shop', 'übernehmen wir', 'auf unsere kosten', 'der shop', 'vom shop',
          'la tienda paga', 'paga la tienda', 'pagamos', 'gratuita', 'gratis', 'a nuestro cargo', 'nuestra cuenta', 'la tienda',
          'la boutique paie', 'le magasin', 'nous payons', 'gratuit', 'à nos frais', 'pris en charge par nous', 'la boutique', 'offert',
          'a loja paga', 'grátis', 'por nossa conta', 'a loja', 'nós pagamos',
          '商店支付', '商店承担', '店铺承担', '商家承担', '由商店', '由我们', '免费', '卖家承担', '本店承担', '商店',
          'ショップが', '当店が', '当店負担', 'ショップ負担', '無料', '弊社負担', '店舗が', 'ショップ'],
 'shopper': ['you pay', 'paid by you', 'at your expense', 'at your cost', 'shopper pays', 'the shopper', 'customer pays', 'your own cost', 'paid by the shopper',
             'sie zahlen', 'zahlen sie', 'trägt der kunde', 'auf ihre kosten', 'sie tragen', 'käufer', 'kunde zahlt', 'du zahlst', 'zahlst du', 'tragen sie',
             'usted paga', 'pagas tú', 'tú pagas', 'a tu cargo', 'a su cargo', 'el comprador', 'el cliente paga', 'pagas', 'tu cuenta', 'su cuenta', 'paga usted',
             'vous payez', 'à vos frais', 'à votre charge', 'le client', "l'acheteur", 'l’acheteur', 'payez',
             'você paga', 'por sua conta', 'o comprador', 'o cliente paga', 'a seu cargo', 'paga você', 'seu cargo',
             '您支付', '你支付', '由您', '买家承担', '顾客承担', '您承担', '您自付', '由你', '自行承担', '买家', '您自己',
             'お客様', 'ご負担', '購入者']}
ZERO_WORDS = ['no duty', 'no import duty', 'duty-free', 'duty free', 'none', 'kein', 'zollfrei', 'sin arancel', 'ningún', 'exento', 'libre de', 'aucun', 'sans droit',
              'exonéré', 'sem imposto', 'isento', 'nenhum', '无关税', '免税', '免关税', '不收', '無税', 'かかりません', 'ありません']
FREE_WORDS = ['free', 'kostenlos', 'gratis', 'versandkostenfrei', 'gratuit', 'offert', 'grátis', 'gratuito', 'gratuita', '免费', '包邮', '無料', '送料無料']
YES_CLAIM = [r'\byes\b', r'\bja\b', r'\bsí\b', r'\boui\b', r'\bsim\b', r'(?<!不)可以(寄|发|送|配送|运)', r'(?<!不)能(寄|发|送)', r'発送できます', r'配送できます', r'お届けできます', r'送れます']
NO_CLAIM = [r"can't be (shipped|sent|delivered)", r'cannot be (shipped|sent|delivered)', r"does(n't| not) ship", r"\bcan('t|not) ship", r'not (be )?(shipped|delivered|available)',
            r'\bno,', r'\bnein\b', r'nicht (geliefert|versendet|verschickt|liefer)', r'leider nicht', r'kann nicht',
            r'no (se )?puede', r'no (lo )?enviamos', r'no se envía', r'ne peut pas', r'ne pouvons pas', r'pas (livr|expédi|envoy)', r'\bnon\b',
            r'não (pode|é possível|enviamos|podemos)', r'\bnão\b', r'不能', r'无法', r'不可以', r'不支持', r'できません', r'送れません']
CUR_SYMS = ['R$', 'US$', 'HK$', 'NT$', 'S$', 'A$', 'C$', 'NZ$', 'MX$', '€', '$', '£', '¥', '円', '元', '₩', '₹', '฿', 'kr', 'zł', 'Kč', 'CHF', '₺', 'Fr.']
DAY_WORDS = r'(days?|business days|working days|Tage?n?|Werktage?n?|días|dias|jours|天|営業日|日間|日(?!本|付))'

def has_any(text, words):
    t = text.lower()
    return any(w.lower() in t for w in words)

# ---------------------------------------------------------------- checks
def check(qn, reply, all_tracking, own_dates=None, never_shipped=frozenset()):
    text = reply.get('text') or ''
    low = text.lower()
    nums = numbers(text)
    dts, dspans = dates(text)
    all_readings = set().union(*dts) if dts else set()
    # numbers not inside a date
    free_nums = [n for n in nums if not any(a <= n[1] < b for a, b in dspans)]
    fact_res = []
    for f in qn['facts']:
        t, v = f['type'], f['value']
        ok = False
        if t == 'text':
            ok = v.lower() in low
        elif t == 'status':
            ok = has_any(text, STATUS[v])
        elif t == 'date':
            ok = date_matches(all_readings, v)
        elif t == 'keyword':
            ok = has_any(text, f.get('any') or [v])
        elif t == 'payer':
            ok = has_any(text, PAYER[v])
        elif t in ('number', 'percent', 'money'):
            vals = [v] + list(f.get('alt') or [])
            if t == 'money':
                tol = [money_tol(x) for x in vals]
            elif 'tol' in f:
                tol = [f['tol']] * len(vals)
            else:
                tol = [0.001] * len(vals)
            ok = any(near(c, x, tl) for n in free_nums for c in n[3] for x, tl in zip(vals, tol))
            if not ok and float(v) == 0:
                ok = has_any(text, FREE_WORDS if t == 'money' else ZERO_WORDS)
        debatable = f['what'] == 'tracking' and v in never_shipped or f['what'] == 'carrier' and any(
            ff['what'] == 'tracking' and ff['value'] in never_shipped for ff in qn['facts'])
        fact_res.append(dict(what=f['what'], type=t, value=v, ok=ok, debatable=debatable))
    # contradictions: a date, amount, percentage or day count the graph does not hold for this question, or the wrong yes/no
    ctx = qn.get('context') or {}
    contra = []
    allowed_dates = set(ctx.get('dates') or []) | set((own_dates or {}).get(qn['shopper'], ()))
    for f in qn['facts']:
        if f['type'] == 'date':
            allowed_dates.add(f['value'])
    for rd in dts:
        if not any(date_matches(rd, d) for d in allowed_dates):
            contra.append('date ' + repr(sorted(rd, key=str)))
    allowed_amounts = list(ctx.get('amounts') or []) + [f['value'] for f in qn['facts'] if f['type'] in ('money',)] + \
        [a for f in qn['facts'] for a in (f.get('alt') or [])]
    cur_re = '|'.join(re.escape(s) for s in CUR_SYMS) + r'|\b[A-Z]{3}\b'
    for n in free_nums:
        tok, a, b, cands = n
        pre, post = text[max(0, a - 5):a], text[b:b + 5]
        if re.search(r'(' + cur_re + r')\s?$', pre) or re.match(r'\s?(' + cur_re + r')', post):
            if re.match(r'\s?(GB|TB|ml|cm|mm|kg|km|L)\b', post):
                continue
            if not any(near(c, x, money_tol(x)) for c in cands for x in allowed_amounts):
                contra.append('amount ' + text[max(0, a - 4):b + 4].strip())
        elif re.match(r'\s?(%|％|Prozent|por ciento|pour cent|por cento)', post):
            allowed_p = list(ctx.get('percents') or []) + [f['value'] for f in qn['facts'] if f['type'] == 'percent']
            if not any(near(c, x, 0.01) for c in cands for x in allowed_p):
                contra.append('percent ' + text[max(0, a - 4):b + 4].strip())
        elif ctx.get('days') is not None and qn['intent'] in ('ship_yes', 'ship_no', 'restricted_why', 'returns') and re.match(r'\s?' + DAY_WORDS, post) and not re.search(r'月\s*$', pre):
            allowed_d = list(ctx.get('days') or []) + [f['value'] for f in qn['facts'] if f['type'] == 'number']
            if not any(near(c, x, 0.001) for c in cands for x in allowed_d):
                contra.append('days ' + text[max(0, a - 4):b + 8].strip())
    pol = ctx.get('polarity') if reply.get('handoff') != 'human' else None
    if pol == 'no' and any(re.search(p, text, re.I) for p in YES_CLAIM) and not any(re.search(p, text, re.I) for p in NO_CLAIM):
        contra.append('says yes, graph says restricted')
    if pol == 'yes' and (any(re.search(p, text, re.I) for p in NO_CLAIM) or has_any(text, ['lithium', 'bladed', 'flammable', 'certification', 'restricted'])):
        contra.append('says no/restricted, graph says it ships')
    for f in qn['facts']:
        if f['type'] == 'payer':
            other = 'shopper' if f['value'] == 'shop' else 'shop'
            if has_any(text, PAYER[other]) and not has_any(text, PAYER[f['value']]):
                contra.append(f'says {other} pays, graph says {f["value"]}')
        if f['type'] == 'status':
            pass  # statuses of earlier steps are legitimately listed; not checked as contradictions
    # leaks: the question's own must-not-contain list, and any tracking id of an order not the asker's
    leaks = [s for s in qn['must_not_contain'] if s.lower() in low]
    for tid in re.findall(r'\b[A-Z]{2}\d{8,12}\b', text):
        owner = all_tracking.get(tid)
        if owner is not None and owner != qn['shopper']:
            leaks.append('tracking ' + tid + ' of ' + owner)
    exp_intent = API_INTENT[qn['intent']]
    hx = qn['handoff_expected']
    handoff_ok = (reply.get('handoff') == hx) and (hx != 'human' or bool(reply.get('ticketId'))) if hx else None
    ORDER = {'order_status', 'delivery_estimate'}
    return dict(intent_ok=reply.get('intent') == exp_intent, expected_intent=exp_intent,
                intent_lenient=reply.get('intent') == exp_intent or (exp_intent in ORDER and reply.get('intent') in ORDER),
                facts_lenient=all(f['ok'] or f['debatable'] for f in fact_res),
                facts=fact_res, facts_ok=all(f['ok'] for f in fact_res), has_facts=bool(fact_res),
                contradictions=contra, handoff_ok=handoff_ok,
                unexpected_handoff=(hx is None and reply.get('handoff') == 'human'),
                leaks=sorted(set(leaks)), language_ok=(reply.get('language') == qn['language']))

# ---------------------------------------------------------------- API
def ask(url, token, message):
    body = json.dumps({'query': MUTATION, 'variables': {'m': message}}).encode()
    headers = {'Content-Type': 'application/json'}
    if token:
        headers['Authorization'] = 'Bearer ' + token
    waited = 0.0
    while True:
        req = urllib.request.Request(url, data=body, headers=headers, method='POST')
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                data = json.loads(r.read())
            dt = time.perf_counter() - t0
        except urllib.error.HTTPError as e:
            dt = time.perf_counter() - t0
            if e.code == 429:
                ra = float(e.headers.get('Retry-After') or 5)
                time.sleep(min(max(ra, 1), 60)); waited += ra
                continue
            data = json.loads(e.read() or b'{}')
        errs = data.get('errors') or []
        if any((er.get('extensions') or {}).get('code') == 'RATE_LIMITED' for er in errs):
            time.sleep(5); waited += 5
            continue
        return data, dt, waited

def pct(xs, p):
    if not xs:
        return None
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, int(round(p / 100 * len(xs) + 0.5)) - 1))
    return xs[k]

def summarise(rows, key):
    groups = {}
    for r in rows:
        groups.setdefault(r[key], []).append(r)
    out = {}
    for g, rs in sorted(groups.items()):
        wf = [r for r in rs if r['check']['has_facts']]
        wh = [r for r in rs if r['check']['handoff_ok'] is not None]
        lat = [r['latency_s'] for r in rs if r['latency_s'] is not None]
        out[g] = dict(n=len(rs),
                      intent=sum(r['check']['intent_ok'] for r in rs) / len(rs),
                      intent_lenient=sum(r['check']['intent_lenient'] for r in rs) / len(rs),
                      facts_n=len(wf), facts=(sum(r['check']['facts_ok'] for r in wf) / len(wf)) if wf else None,
                      facts_lenient=(sum(r['check']['facts_lenient'] for r in wf) / len(wf)) if wf else None,
                      contradicting=sum(bool(r['check']['contradictions']) for r in rs),
                      handoff_n=len(wh), handoff=(sum(r['check']['handoff_ok'] for r in wh) / len(wh)) if wh else None,
                      unexpected_handoff=sum(r['check']['unexpected_handoff'] for r in rs),
                      leaks=sum(bool(r['check']['leaks']) for r in rs),
                      language=sum(r['check']['language_ok'] for r in rs) / len(rs),
                      errors=sum(bool(r.get('error')) for r in rs),
                      p50_ms=round(1000 * statistics.median(lat)) if lat else None,
                      p95_ms=round(1000 * pct(lat, 95)) if lat else None)
    return out

def fmt(v, pctg=True):
    if v is None:
        return '-'
    return f'{100 * v:5.1f}%' if pctg else str(v)

def table(summ, title):
    lines = [f'### {title}', '',
             '| group | n | intent | intent* | facts all (n) | facts* | contradicting | handoff ok (n) | unexpected handoff | leaks | lang | errors | p50 ms | p95 ms |',
             '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|']
    for g, s in summ.items():
        lines.append(f"| {g} | {s['n']} | {fmt(s['intent'])} | {fmt(s['intent_lenient'])} | {fmt(s['facts'])} ({s['facts_n']}) | {fmt(s['facts_lenient'])} | {s['contradicting']} | "
                     f"{fmt(s['handoff'])} ({s['handoff_n']}) | {s['unexpected_handoff']} | {s['leaks']} | {fmt(s['language'])} | {s['errors']} | {s['p50_ms']} | {s['p95_ms']} |")
    return '\n'.join(lines)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--url', default='http://127.0.0.1:8797/graphql')
    ap.add_argument('--tokens', default='tokens.json')
    ap.add_argument('--questions', default='questions.jsonl')
    ap.add_argument('--out', default='results.json')
    ap.add_argument('--bolt', default='bolt://127.0.0.1:7797')
    ap.add_argument('--password-file', default='/work/eval13b/state/neo4j/password')
    ap.add_argument('--rescore')
    ap.add_argument('--label', default='')
    ap.add_argument('--limit', type=int)
    a = ap.parse_args()
    qs = [json.loads(l) for l in open(a.questions)]
    if a.limit:
        qs = qs[:a.limit]
    all_tracking, own_dates, never_shipped = {}, {}, set()
    try:
        from neo4j import GraphDatabase
        drv = GraphDatabase.driver(a.bolt, auth=('neo4j', open(a.password_file).read().strip()))
        with drv.session() as s:
            for r in s.run('MATCH (o:Order)-[:PLACED_BY]->(s:Shopper) RETURN o.tracking_id AS t, s.id AS s'):
                all_tracking[r['t']] = r['s']
            for r in s.run('''MATCH (o:Order)-[:PLACED_BY]->(s:Shopper) OPTIONAL MATCH (o)-[:HAD_STATUS]->(e:OrderEvent)
                              WITH s, o, collect(e.status) AS st, collect(substring(toString(e.at), 0, 10)) AS ed
                              RETURN s.id AS s, o.tracking_id AS t, st,
                                     ed + [substring(toString(o.placed_at), 0, 10), toString(o.promised_by), toString(o.estimated_by)] AS d'''):
                own_dates.setdefault(r['s'], set()).update(r['d'])
                if 'shipped' not in r['st']:
                    never_shipped.add(r['t'])
        drv.close()
    except Exception as e:  # the scorer still runs; only the broad leak check is lost
        print('no graph for the broad leak check:', e, file=sys.stderr)
    rows = []
    if a.rescore:
        old = {r['id']: r for r in json.load(open(a.rescore))['questions']}
        for qn in qs:
            r = old[qn['id']]
            r['check'] = check(qn, r['reply'] or {}, all_tracking, own_dates, never_shipped)
            r['group'] = INTENT_GROUP[qn['intent']]
            rows.append(r)
    else:
        tokens = json.load(open(a.tokens))
        t_start = time.time()
        for i, qn in enumerate(qs):
            tok = tokens.get(qn['shopper']) if qn['shopper'] else None
            data, dt, waited = ask(a.url, tok, qn['text'])
            reply = (data.get('data') or {}).get('assistant') or {}
            err = data.get('errors')
            rows.append(dict(id=qn['id'], language=qn['language'], intent=qn['intent'], group=INTENT_GROUP[qn['intent']],
                             shopper=qn['shopper'], text=qn['text'], reply=reply, error=err, latency_s=dt, rate_wait_s=waited,
                             check=check(qn, reply, all_tracking, own_dates, never_shipped)))
            if (i + 1) % 25 == 0:
                print(f'{i + 1}/{len(qs)} asked, {time.time() - t_start:.0f} s', file=sys.stderr, flush=True)
    by_lang = summarise(rows, 'language')
    by_intent = summarise(rows, 'group')
    overall = summarise([dict(r, all='all') for r in rows], 'all')
    fact_types = {}
    for r in rows:
        for f in r['check']['facts']:
            d = fact_types.setdefault(f['what'], [0, 0]); d[0] += f['ok']; d[1] += 1
    res = dict(label=a.label, url=a.url, questions_file=a.questions, n=len(rows), when=time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
               overall=overall['all'], by_language=by_lang, by_intent=by_intent,
               fact_types={k: dict(ok=v[0], n=v[1]) for k, v in sorted(fact_types.items())},
               api_intents_seen={}, questions=rows)
    for r in rows:
        k = f"{r['intent']} -> {r['reply'].get('intent')}"
        res['api_intents_seen'][k] = res['api_intents_seen'].get(k, 0) + 1
    json.dump(res, open(a.out, 'w'), ensure_ascii=False, indent=1)
    print(table(overall, 'overall'))
    print()
    print(table(by_lang, 'per language'))
    print()
    print(table(by_intent, 'per intent'))
    print()
    print('intent* = order_status and delivery_estimate interchangeable; facts* = tracking/carrier not required for an order that never shipped')
    print('facts by type:', ', '.join(f"{k} {v['ok']}/{v['n']}" for k, v in res['fact_types'].items()))

if __name__ == '__main__':
    main()
