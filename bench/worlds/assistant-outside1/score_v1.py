"""Black-box scorer for Borderless's `assistant` mutation (outside evaluation, CC0).

Usage: python score.py --url http://127.0.0.1:8797/graphql --checkout /work/base3 --out results_base3.json

Sends every question of questions.jsonl (one fresh conversation each, no `language` argument: the
assistant picks the language) with the shopper's bearer token (signed in) or no header (anonymous),
and scores the reply against the labels. Facts come from world/facts.json (my own Cypher).
"""
import argparse, collections, json, os, re, subprocess, sys, time, unicodedata
import urllib.request, urllib.error

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ['en', 'de', 'es', 'fr', 'pt', 'zh', 'ja']
# my intent names -> the API's intent names (read from the AssistantReply.intent description:
# "order_status, delivery_estimate, ships_to, returns, duties, product_question, similar or human")
INTENT_MAP = {
    'where_order': {'order_status'}, 'when_arrive': {'delivery_estimate'},
    'ships_to': {'ships_to'}, 'why_restricted': {'ships_to'}, 'returns': {'returns'},
    'duties': {'duties'}, 'product_q': {'product_question'}, 'similar': {'similar'},
    'human': {'human'}, 'cant_help': {'human'},  # unplaceable -> ticket (README: "a person takes over")
    'other_order': {'order_status', 'delivery_estimate'},
}
MUTATION = ('mutation($m: String!) { assistant(message: $m, conversationId: null) '
            '{ text language intent citations handoff conversationId ticketId } }')
ZERO_DEC = {'JPY', 'KRW', 'CLP', 'VND', 'IDR', 'HUF', 'ISK', 'COP', 'TWD'}
SYMBOLS = {'EUR': ['€', 'eur'], 'USD': ['$', 'usd'], 'GBP': ['£', 'gbp'], 'JPY': ['¥', '円', 'jpy', '￥'],
           'CNY': ['¥', '元', '人民币', 'cny', '￥'], 'BRL': ['r$', 'brl'], 'CHF': ['chf', 'fr.'],
           'INR': ['₹', 'inr'], 'KRW': ['₩', 'krw', '원']}

STATUS = {
 'placed': dict(en=['placed', 'received'], de=['aufgegeben', 'eingegangen', 'bestellt', 'platziert'], es=['realizado', 'recibido', 'registrado'], fr=['passée', 'enregistrée', 'reçue'], pt=['feito', 'realizado', 'recebido', 'registrado'], zh=['已下单', '下单', '已提交'], ja=['注文済', '受付', 'ご注文を承']),
 'paid': dict(en=['paid', 'payment'], de=['bezahlt', 'zahlung'], es=['pagado', 'pago'], fr=['payée', 'payé', 'paiement'], pt=['pago', 'pagamento'], zh=['已付款', '已支付', '付款'], ja=['支払', '入金', '決済']),
 'shipped': dict(en=['shipped', 'dispatched', 'on its way', 'in transit'], de=['versandt', 'verschickt', 'unterwegs', 'versendet'], es=['enviado', 'en camino', 'en tránsito', 'despachado'], fr=['expédiée', 'expédié', 'en route', 'en transit'], pt=['enviado', 'a caminho', 'em trânsito', 'despachado'], zh=['已发货', '发货', '运输中', '已寄出'], ja=['発送', '配送中', '輸送中']),
 'in_customs': dict(en=['customs'], de=['zoll'], es=['aduana'], fr=['douane'], pt=['alfândega', 'alfandega'], zh=['海关', '清关'], ja=['税関', '通関']),
 'delivered': dict(en=['delivered'], de=['zugestellt', 'geliefert'], es=['entregado'], fr=['livrée', 'livré'], pt=['entregue'], zh=['送达', '已签收', '妥投', '已交付'], ja=['配達済', '配達完了', 'お届け済', '配達されました', '届きました', '配達しました']),
 'returned': dict(en=['returned'], de=['zurückgesendet', 'retourniert', 'zurückgeschickt', 'zurückgegeben'], es=['devuelto'], fr=['retournée', 'retourné', 'renvoyé'], pt=['devolvido'], zh=['已退货', '退回', '退货'], ja=['返品', '返送']),
 'cancelled': dict(en=['cancel'], de=['storniert'], es=['cancelado', 'anulado'], fr=['annulée', 'annulé'], pt=['cancelado'], zh=['已取消', '取消'], ja=['キャンセル', '取り消']),
}
PAYER = {
 'shop': dict(en=['free', 'we pay', 'we cover', 'paid by the shop', 'shop pays', 'the shop pays', 'at our cost', 'our expense', 'by us'], de=['kostenlos', 'kostenfrei', 'übernehmen wir', 'zahlt der shop', 'zahlen wir', 'trägt der shop', 'auf unsere kosten', 'gratis', 'der shop'], es=['gratis', 'gratuit', 'pagamos', 'la tienda', 'nuestra cuenta'], fr=['gratuit', 'à nos frais', 'nous payons', 'la boutique', 'le magasin', 'notre charge'], pt=['grátis', 'gratuit', 'pagamos', 'a loja', 'nossa conta'], zh=['免费', '商家', '店铺', '由我们', '我们承担', '卖家承担', '商店'], ja=['無料', 'ショップ', '当店', '弊社', 'ストア']),
 'shopper': dict(en=['you pay', 'at your cost', 'your expense', 'paid by you', 'by the shopper', 'you cover', 'shopper pays', 'customer pays', "you'll pay", 'you will pay', 'the shopper'], de=['zahlen sie', 'zahlst du', 'trägt der käufer', 'tragen sie', 'auf ihre kosten', 'auf deine kosten', 'sie zahlen', 'du zahlst', 'käufer', 'kunde'], es=['usted paga', 'pagas tú', 'tú pagas', 'a tu cargo', 'a su cargo', 'el comprador', 'el cliente', 'por tu cuenta', 'por su cuenta', 'usted'], fr=['à vos frais', 'à votre charge', 'vous payez', 'le client', "l'acheteur", 'à ta charge', 'vous-même'], pt=['você paga', 'por sua conta', 'a seu cargo', 'o comprador', 'o cliente', 'às suas custas', 'você'], zh=['您承担', '你承担', '由您', '买家承担', '顾客承担', '您支付', '自付', '由你', '自行承担', '买家'], ja=['お客様', 'ご負担', '自己負担', '購入者']),
}
NEG = dict(en=["not ", "n't", 'cannot', 'no,', 'unfortunately', 'unable'], de=['nicht', 'kein', 'leider'], es=['no ', 'no,', 'lamentablemente'], fr=['pas ', 'ne ', "n'", 'malheureusement'], pt=['não', 'infelizmente'], zh=['不', '无法', '抱歉'], ja=['できません', 'ません', '不可', '残念', 'できない'])
MONTHS = {}
for i, names in enumerate([
    'january jan januar janvier janeiro enero ene jän', 'february feb februar février fevereiro febrero fév fev',
    'march märz mars março marzo mär', 'april apr avril abril abr avr', 'may mai mayo maio',
    'june jun juni juin junho junio', 'july jul juli juillet julho julio juil', 'august aug août agosto',
    'september sep sept septembre setembro septiembre', 'october oct oktober octobre outubro octubre okt',
    'november nov novembre novembro noviembre', 'december dec dezember décembre dezembro diciembre dez dic déc'], 1):
    for n in names.split():
        MONTHS[n] = i
MONTH_RE = '|'.join(sorted(map(re.escape, MONTHS), key=len, reverse=True))


def norm(s):
    return unicodedata.normalize('NFC', s or '').lower()


def numbers(text):
    """Every number in the text, each with its possible values (decimal comma or dot; thousands
    separators ' ', nbsp, thin space, '.', ',' or "'")."""
    out = []
    for m in re.finditer(r"\d{1,3}(?:[ \u00a0\u202f.,']\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?", text):
        tok = re.sub(r"[ \u00a0\u202f']", '', m.group())
        cands = set()
        if ',' in tok and '.' in tok:
            dec = max(tok.rfind(','), tok.rfind('.'))
            cands.add(float(re.sub(r'[.,]', '', tok[:dec]) + '.' + tok[dec + 1:]))
        elif ',' in tok or '.' in tok:
            sep = ',' if ',' in tok else '.'
            parts = tok.split(sep)
            if len(parts) == 2:
                cands.add(float(parts[0] + '.' + parts[1]))
            if all(len(p) == 3 for p in parts[1:]):
                cands.add(float(''.join(parts)))
        else:
            cands.add(float(tok))
        out.append((m.group(), cands, m.start(), m.end()))
    return out


def dates(text):
    """(year or None, month, day, ambiguous-alternative) found in the text."""
    t = norm(text)
    out = []
    for m in re.finditer(r'(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})', t):
        out.append({(int(m[1]), int(m[2]), int(m[3]))})
    for m in re.finditer(r'(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日', t):
        out.append({(int(m[1]), int(m[2]), int(m[3]))})
    for m in re.finditer(r'(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日', t):
        out.append({(None, int(m[1]), int(m[2]))})
    for m in re.finditer(r'(?<![\d.\-/])(\d{1,2})[./](\d{1,2})[./](\d{4})', t):
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        out.append({(y, b, a), (y, a, b)})
    for m in re.finditer(r'(\d{1,2})(?:er|º|°)?\.?\s*(?:de\s+)?(' + MONTH_RE + r')\.?(?:\s*(?:de\s+)?,?\s*(\d{4}))?\b', t):
        out.append({(int(m[3]) if m[3] else None, MONTHS[m[2]], int(m[1]))})
    for m in re.finditer(r'\b(' + MONTH_RE + r')\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b,?(?:\s*(\d{4}))?', t):
        out.append({(int(m[3]) if m[3] else None, MONTHS[m[1]], int(m[2]))})
    return [{x for x in s if 1 <= x[1] <= 12 and 1 <= x[2] <= 31} for s in out if s]


def date_in(found, iso):
    y, mo, d = map(int, iso[:10].split('-'))
    return any((yy in (None, y)) and mm == mo and dd == d for yy, mm, dd in found)


def has_currency(text, code):
    t = norm(text)
    return code.lower() in t or any(s in t for s in SYMBOLS.get(code, []))


def money_match(text, value, code):
    tol = max(0.011, 0.001 * abs(value)) + (1.01 if code in ZERO_DEC else 0)
    return any(abs(c - value) <= tol for _, cs, _, _ in numbers(text) for c in cs)


def has_token(text, value):
    return re.search(r'(?<![A-Za-z0-9])' + re.escape(norm(value)) + r'(?![A-Za-z0-9])', norm(text)) is not None


def first_sentence(text):
    return re.split(r'(?<=[.!?。！？])\s*', text.strip(), maxsplit=1)[0]


def negative(text, lang):
    s = ' ' + norm(first_sentence(text)) + ' '
    return any(w in s for w in NEG[lang])


class World:
    def __init__(self, facts):
        self.F = facts
        self.orders = {o['id']: o for o in facts['orders']}
        self.cur = {c['code']: c for c in facts['currencies']}
        self.cty = {c['code']: c for c in facts['countries']}
        self.prod = {p['id']: p for p in facts['products']}
        self.ships = {(s['product'], s['country']): s for s in facts['ships']}
        self.rate_dates = {str(c['rate_date'])[:10] for c in facts['currencies']}

    def conv_all(self, eur):
        return [eur * c['rate'] for c in self.cur.values()]


def check(q, reply, W):
    """Returns a dict of per-question verdicts."""
    lang, text = q['language'], reply.get('text') or ''
    tags = dict(t.split(':', 1) for t in q['tags'] if ':' in t)
    r = {'facts_hit': [], 'facts_miss': [], 'soft_miss': [], 'contradictions': [], 'leaks': []}
    for f in q['facts']:
        k, v, ok = f['kind'], f.get('value'), False
        if k == 'status':
            ok = norm(v) in norm(text) or any(w in norm(text) for w in STATUS[v][lang])
        elif k == 'text':
            ok = (has_token(text, v) if len(v) <= 4 else norm(v) in norm(text))
        elif k == 'anyof':
            ok = any(has_token(text, x) if len(x) <= 4 else norm(x) in norm(text) for x in v)
        elif k == 'date':
            ok = any(date_in(s, v) for s in dates(text))
        elif k == 'number':
            tol = f.get('tol', 1e-9)
            ok = any(abs(c - v) <= tol for _, cs, _, _ in numbers(text) for c in cs)
        elif k == 'percent':
            ok = any(abs(c - v) <= 1e-6 for _, cs, _, _ in numbers(text) for c in cs)
        elif k == 'money':
            ok = money_match(text, v, f['currency']) and has_currency(text, f['currency'])
        elif k == 'payer':
            ok = any(w in norm(text) for w in PAYER[v][lang])
        elif k == 'yesno':
            ok = negative(text, lang) == (v == 'no')
        elif k == 'citation':
            ok = v in (reply.get('citations') or [])
        elif k == 'ticket':
            ok = bool(reply.get('ticketId'))
        desc = f"{k}:{v}" + (f" ({f['what']})" if f.get('what') else '')
        if ok:
            r['facts_hit'].append(desc)
        elif f.get('soft'):
            r['soft_miss'].append(desc)
        else:
            r['facts_miss'].append(desc)
    # ---- contradictions: a number, date, yes/no, status or payer the graph does not hold for this question
    intent = q['expected_intent']
    found = dates(text)
    allowed_dates = set(W.rate_dates) | {'2026-12-06'}
    oid = tags.get('order')
    if oid and intent != 'other_order' and 'anonymous' not in q['tags']:
        o = W.orders[oid]
        allowed_dates |= {str(x)[:10] for x in [o['placed_at'], o['promised_by'], o['estimated_by']] if x}
        allowed_dates |= {str(e['at'])[:10] for e in o['events']}
        st = o['events'][-1]['status']
        right = norm(st) in norm(text) or any(w in norm(text) for w in STATUS[st][lang])
        wrong = [s for s in STATUS if s != st and any(w in norm(text) for w in STATUS[s][lang])]
        if not right and wrong:
            r['contradictions'].append(f'status {wrong} instead of {st}')
    allowed_dates |= {f['value'] for f in q['facts'] if f['kind'] == 'date'}
    for s in found:
        if not any(date_in(s, a) for a in allowed_dates):
            r['contradictions'].append(f'date {sorted(s, key=str)} not in graph for this question')
    for f in q['facts']:
        if f['kind'] == 'yesno':
            neg = negative(text, lang)
            if (f['value'] == 'yes' and neg) or (f['value'] == 'no' and not neg and text.strip()):
                r['contradictions'].append(f"says {'no' if neg else 'yes'} where graph says {f['value']}")
        if f['kind'] == 'payer':
            other = 'shop' if f['value'] == 'shopper' else 'shopper'
            if any(w in norm(text) for w in PAYER[other][lang]) and not any(w in norm(text) for w in PAYER[f['value']][lang]):
                r['contradictions'].append(f"payer {other} where graph says {f['value']}")
    # day counts next to a day word
    day_allowed = None
    cc = tags.get('country')
    if intent == 'ships_to' and tags.get('product') and cc:
        s = W.ships.get((tags['product'], cc))
        c = W.cty[cc]
        day_allowed = {x for x in [s and s['days'], c['pmin'], c['pmax']] if x is not None}
    if intent == 'returns':
        day_allowed = {f['value'] for f in q['facts'] if f.get('what') == 'window days'}
    if day_allowed is not None:
        for m in re.finditer(r'(\d+)\s*(?:-|–)?\s*(days?|tage[n]?|días|dias|jours?|天|日間|日以内|日(?!本))', norm(text)):
            if m.start() > 0 and text[max(0, m.start() - 1)] in '月':
                continue
            if int(m[1]) not in day_allowed:
                r['contradictions'].append(f'{m[0]!r}: days not in graph ({sorted(day_allowed)})')
    # percentages
    pct_allowed = set()
    if cc:
        pct_allowed |= {W.cty[cc]['duty'], W.cty[cc]['vat']}
    if tags.get('product'):
        pct_allowed |= {c for _, cs, _, _ in numbers(W.prod[tags['product']]['descriptions'].get(lang) or '') for c in cs}
    for m in re.finditer(r'(\d+(?:[.,]\d+)?)\s*[%％]', text):
        v = float(m[1].replace(',', '.'))
        if not any(abs(v - a) < 1e-6 for a in pct_allowed):
            r['contradictions'].append(f'{m[0]!r}: percentage not in graph')
    # amounts with decimals (money-like) for ships_to / duties / product answers
    amt_allowed = []
    if tags.get('product'):
        p = W.prod[tags['product']]
        amt_allowed += W.conv_all(p['price'])
        if p['avg_rating'] is not None:
            amt_allowed += [p['avg_rating']]
        if cc and (tags['product'], cc) in W.ships:
            s = W.ships[(tags['product'], cc)]
            amt_allowed += W.conv_all(s['cost']) + W.conv_all(s['cost'] + p['price'])
    if cc and W.cty[cc]['de_minimis'] is not None:
        amt_allowed += W.conv_all(W.cty[cc]['de_minimis'])
    if intent in ('ships_to', 'duties', 'product_q'):
        for tok, cs, a, b in numbers(text):
            if not re.search(r'[.,]\d{1,2}$', tok) or re.search(r'\d{4}-\d', text[max(0, a - 5):b + 3]):
                continue
            if tok in (tags.get('product') or ''):
                continue
            if not any(abs(c - x) <= max(0.011, 0.001 * abs(x)) + 0.5 * (abs(c - round(c)) < 1e-9) for c in cs for x in amt_allowed):
                r['contradictions'].append(f'{tok!r}: amount not in graph')
    # leaks: must_not_contain in text or citations; other shopper's order in citations
    blob = norm(text + ' ' + ' '.join(reply.get('citations') or []))
    for s in q['must_not_contain']:
        if norm(s) in blob:
            r['leaks'].append(s)
    if intent == 'other_order' or 'anonymous' in q['tags']:
        if oid and any(c == oid or c.startswith(oid + '>') for c in (reply.get('citations') or [])):
            r['leaks'].append(f'citation of {oid}')
    # verdicts
    r['intent_ok'] = reply.get('intent') in INTENT_MAP[intent]
    need = [f for f in q['facts'] if not f.get('soft')]
    r['has_facts'] = bool(need)
    r['facts_ok'] = not r['facts_miss'] if need else None
    he = q['handoff_expected']
    r['handoff_ok'] = (reply.get('handoff') == he and (he != 'human' or bool(reply.get('ticketId')))) if he else None
    r['unexpected_handoff'] = (not he) and bool(reply.get('handoff'))
    r['lang_ok'] = reply.get('language') == lang
    return r


def mint_tokens(checkout, ids, state_dir):
    """Shopper tokens through the project's own `borderless token --shopper ID --raw`, run in one
    process (the CLI's import costs ~14 s per call on the busy machine)."""
    code = ("import sys,io,contextlib,json\nfrom borderless.cli import main\nout={}\n"
            "for i in json.load(sys.stdin):\n buf=io.StringIO()\n with contextlib.redirect_stdout(buf):\n"
            "  try: main(['token','--shopper',i,'--raw'])\n  except SystemExit: pass\n out[i]=buf.getvalue().strip()\n"
            "print(json.dumps(out))")
    env = dict(os.environ, BORDERLESS_STATE_DIR=state_dir)  # the server's state dir holds the dev JWT secret
    p = subprocess.run([sys.executable, '-c', code], input=json.dumps(sorted(ids)), capture_output=True, text=True,
                       cwd=checkout, timeout=600, env=env)
    return json.loads(p.stdout.strip().splitlines()[-1])


def ask(url, text, token):
    body = json.dumps({'query': MUTATION, 'variables': {'m': text}}).encode()
    h = {'content-type': 'application/json'}
    if token:
        h['Authorization'] = 'Bearer ' + token
    for attempt in range(6):
        req = urllib.request.Request(url, data=body, headers=h)
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                data = json.loads(resp.read())
            dt = time.perf_counter() - t0
        except urllib.error.HTTPError as e:
            dt = time.perf_counter() - t0
            if e.code == 429:
                time.sleep(5 * (attempt + 1)); continue
            data = json.loads(e.read() or b'{}')
        if data.get('data') and data['data'].get('assistant'):
            return data['data']['assistant'], dt, None
        return {}, dt, json.dumps(data.get('errors'))[:500]
    return {}, None, 'rate limited'


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else None


def summarise(rows, key):
    groups = collections.defaultdict(list)
    for r in rows:
        groups[r[key]].append(r)
    out = {}
    for g, rs in sorted(groups.items()):
        fr = [r for r in rs if r['v']['has_facts']]
        ho = [r for r in rs if r['v']['handoff_ok'] is not None]
        lat = [r['latency_s'] for r in rs if r['latency_s'] is not None]
        out[g] = dict(n=len(rs), intent_ok=sum(r['v']['intent_ok'] for r in rs),
                      facts_n=len(fr), facts_ok=sum(bool(r['v']['facts_ok']) for r in fr),
                      contradicting=sum(bool(r['v']['contradictions']) for r in rs),
                      handoff_n=len(ho), handoff_ok=sum(bool(r['v']['handoff_ok']) for r in ho),
                      unexpected_handoff=sum(r['v']['unexpected_handoff'] for r in rs),
                      leaks=sum(bool(r['v']['leaks']) for r in rs), lang_ok=sum(r['v']['lang_ok'] for r in rs),
                      errors=sum(bool(r['error']) for r in rs),
                      p50_ms=round(1000 * pct(lat, 50)) if lat else None, p95_ms=round(1000 * pct(lat, 95)) if lat else None)
    return out


def table(summary, title):
    lines = [f'\n{title}', f"{'group':<15}{'n':>4}{'intent':>9}{'facts':>10}{'contra':>8}{'handoff':>9}{'unexpHO':>8}{'leaks':>6}{'lang':>6}{'err':>5}{'p50ms':>7}{'p95ms':>7}"]
    for g, s in summary.items():
        lines.append(f"{g:<15}{s['n']:>4}{s['intent_ok']:>5}/{s['n']:<3}{s['facts_ok']:>5}/{s['facts_n']:<4}{s['contradicting']:>8}"
                     f"{s['handoff_ok']:>5}/{s['handoff_n']:<3}{s['unexpected_handoff']:>8}{s['leaks']:>6}{s['lang_ok']:>6}{s['errors']:>5}{s['p50_ms'] or '-':>7}{s['p95_ms'] or '-':>7}")
    return '\n'.join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--url', default='http://127.0.0.1:8797/graphql')
    ap.add_argument('--checkout', default='/work/base3')
    ap.add_argument('--state-dir', default=os.path.join(HERE, 'state'), help="the server's BORDERLESS_STATE_DIR")
    ap.add_argument('--questions', default=os.path.join(HERE, 'questions.jsonl'))
    ap.add_argument('--facts', default=os.path.join(HERE, 'world', 'facts.json'))
    ap.add_argument('--out', default=os.path.join(HERE, 'results.json'))
    ap.add_argument('--tokens', default=None, help='cached {shopper: token} file (not committed)')
    ap.add_argument('--rescore', default=None, help='re-score the replies stored in a results file, sending nothing')
    a = ap.parse_args()
    qs = [json.loads(l) for l in open(a.questions, encoding='utf-8')]
    W = World(json.load(open(a.facts, encoding='utf-8')))
    rows = []
    if a.rescore:
        old = {r['id']: r for r in json.load(open(a.rescore))['rows']}
        for q in qs:
            o = old[q['id']]
            rows.append(dict(o, v=check(q, o['reply'], W)))
    else:
        ids = {q['shopper'] for q in qs if q['shopper']}
        toks = json.load(open(a.tokens)) if a.tokens and os.path.exists(a.tokens) else mint_tokens(a.checkout, ids, a.state_dir)
        probe = next(q for q in qs if q['shopper'])
        _, _, err = ask(a.url, 'hello', toks[probe['shopper']])
        if err and 'UNAUTHENTICATED' in err:
            sys.exit('shopper token refused by the server: ' + err)
        for i, q in enumerate(qs):
            reply, dt, err = ask(a.url, q['text'], toks.get(q['shopper']) if q['shopper'] else None)
            rows.append(dict(id=q['id'], language=q['language'], intent=q['expected_intent'], shopper=q['shopper'],
                             text=q['text'], reply=reply, latency_s=dt, error=err, v=check(q, reply, W)))
            if i % 25 == 0:
                print(f'{i}/{len(qs)} {q["id"]} {dt and round(dt, 3)}s', file=sys.stderr, flush=True)
    by_lang, by_intent = summarise(rows, 'language'), summarise(rows, 'intent')
    allrows = [dict(r, all='all') for r in rows]
    total = summarise(allrows, 'all')
    res = dict(url=a.url, checkout=a.checkout, when=time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
               by_language=by_lang, by_intent=by_intent, total=total, rows=rows)
    json.dump(res, open(a.out, 'w'), ensure_ascii=False, indent=1)
    print(table(by_lang, 'per language') + table(by_intent, 'per intent (my labels)') + table(total, 'total'))
    print('\ncolumns: intent = API intent equals my label mapped; facts = answers holding every required fact / questions with '
          'required facts; contra = answers stating a number/date/yes-no/status/payer the graph does not hold for the question; '
          'handoff = expected handoff given / expected; unexpHO = handoff where none expected; leaks = answers holding a '
          'must_not_contain string or citing another shopper\'s order; lang = answered in the question\'s language; '
          'latency = client wall time per mutation, sequential.')


if __name__ == '__main__':
    main()
