"""Black-box scorer for Borderless's `assistant` mutation (eval13c).

usage: score.py URL OUT_JSON [--limit N]
Sends every question of questions.jsonl (one at a time, no conversation id, language null) with the
shopper's bearer token from tokens.json (made by tokens.py with `borderless token --shopper ID --raw`),
then checks the answer against our labels. Normalisation:
- numbers: digits with `.`/`,`/space/apostrophe grouping; a lone `.` or `,` followed by exactly three digits
  is read both as thousands and as decimal separator; with both, the last one is the decimal mark.
  Ids (letters+digits: order ids, tracking ids, "100x150") and dates are removed first.
  money matches within max(0.011, 0.5% of the value); other numbers exactly (ratings within 0.051).
- dates: ISO 2026-08-03, 2026/8/3, 3.8.2026 and 8/3/2026 (both day-month orders), 2026年8月3日, 8月3日,
  and day/month names in en de es fr pt (3. August 2026, 3 de agosto, August 3, 3 août); a date without a
  year matches on month and day.
- text facts: case-insensitive substring; `status` and `payer` facts: any of the listed words.
Contradictions (a stated fact the graph does not hold): for order answers, a date that is none of the
order's dates (+-1 day) or a tracking-id-shaped token other than the order's; for ships_to, a "no" when the
graph says it ships (negative marker and none of price/days) or an answer without a negative marker that
states the price when the graph says restricted, and a 2-decimal amount that is none of price, shipping
cost or their total (asker's currency or EUR); for returns, a "N days" other than the window; for duties a
"N %" other than duty or VAT.
"""
import json, re, sys, time, statistics, urllib.request
from collections import defaultdict

URL = sys.argv[1]
OUT = sys.argv[2]
LIMIT = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
QFILE = sys.argv[sys.argv.index("--questions") + 1] if "--questions" in sys.argv else "/work/eval13c/questions.jsonl"
QS = [json.loads(l) for l in open(QFILE)]
RESCORE = json.load(open(sys.argv[sys.argv.index("--rescore") + 1])) if "--rescore" in sys.argv else None
if LIMIT:
    QS = QS[:LIMIT]
TOK = json.load(open("/work/eval13c/tokens.json"))
RATE = json.load(open("/work/eval13c/rates.json"))
ORDERS = json.load(open("/work/eval13c/orders.json"))  # order id -> {dates: [...], tracking}
SHIPS = json.load(open("/work/eval13c/ships.json"))    # "pid|cc" -> {price, cost, days}

INTENT_MAP = {"order_status": "order_status", "delivery_estimate": "delivery_estimate", "ships_to": "ships_to",
              "returns": "returns", "duties": "duties", "product_question": "product_question",
              "similar": "similar", "human": "human", "cannot_help": "human"}

MUT = "mutation($m: String!) { assistant(message: $m, conversationId: null, language: null) { text language intent citations handoff conversationId ticketId } }"

def ask(text, shopper):
    body = json.dumps({"query": MUT, "variables": {"m": text}}).encode()
    h = {"content-type": "application/json"}
    if shopper:
        h["Authorization"] = "Bearer " + TOK[shopper]
    for attempt in range(5):
        req = urllib.request.Request(URL, data=body, headers=h)
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                d = json.load(r)
            dt = time.perf_counter() - t0
        except urllib.error.HTTPError as e:
            dt = time.perf_counter() - t0
            if e.code == 429:
                time.sleep(5); continue
            return None, dt, f"HTTP {e.code}: {e.read()[:300]!r}"
        if d.get("errors"):
            return None, dt, json.dumps(d["errors"])[:400]
        return d["data"]["assistant"], dt, None
    return None, dt, "rate limited 5 times"

MONTHS = {}
for i, names in enumerate([
    "january jan januar janeiro enero janvier janv", "february feb februar febrero février fevrier févr fevereiro fev fév",
    "march mar märz maerz marzo mars março marco mär", "april apr abril avril avr", "may mai mayo maio",
    "june jun juni junio juin junho", "july jul juli julio juillet juil julho",
    "august aug agosto août aout ago", "september sep sept septiembre septembre setembro set",
    "october oct oktober octubre octobre outubro okt out", "november nov noviembre novembre novembro",
    "december dec dez dezember diciembre dic décembre déc decembre dezembro"], start=1):
    for n in names.split():
        MONTHS[n] = i
MN = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))

def dates(text):
    """returns (set of (y,m,d), set of (m,d)), and text with dates blanked"""
    full, md = set(), set()
    spans = []
    def ok(y, m, d):
        return 1 <= m <= 12 and 1 <= d <= 31
    pats = [
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", lambda g: [(int(g[0]), int(g[1]), int(g[2]))]),
        (r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", lambda g: [(int(g[0]), int(g[1]), int(g[2]))]),
        (r"(\d{4})/(\d{1,2})/(\d{1,2})", lambda g: [(int(g[0]), int(g[1]), int(g[2]))]),
        (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", lambda g: [(int(g[2]), int(g[1]), int(g[0]))]),
        (r"(\d{1,2})/(\d{1,2})/(\d{4})", lambda g: [(int(g[2]), int(g[1]), int(g[0])), (int(g[2]), int(g[0]), int(g[1]))]),
        (r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日", lambda g: [(None, int(g[0]), int(g[1]))]),
        (r"(?<![\d.])(\d{1,2})(?:er|º|°)?\.?\s*(?:de\s+)?(" + MN + r")\.?(?:,?\s*(?:de\s+)?(\d{4}))?(?![a-zà-ÿ])",
         lambda g: [(int(g[2]) if g[2] else None, MONTHS[g[1].lower()], int(g[0]))]),
        (r"(?<![a-zà-ÿ])(" + MN + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s*(\d{4}))?",
         lambda g: [(int(g[2]) if g[2] else None, MONTHS[g[0].lower()], int(g[1]))]),
    ]
    for pat, f in pats:
        for m in re.finditer(pat, text, flags=re.I):
            if any(a <= m.start() < b for a, b in spans):
                continue
            try:
                vals = f(m.groups())
            except (KeyError, ValueError):
                continue
            got = False
            for y, mo, d in vals:
                if ok(y, mo, d):
                    got = True
                    if y: full.add((y, mo, d))
                    md.add((mo, d))
            if got:
                spans.append((m.start(), m.end()))
    blank = list(text)
    for a, b in spans:
        for i in range(a, b):
            blank[i] = " "
    return full, md, "".join(blank)

ID_RE = re.compile(r"[A-Za-z][\w\-:.]*\d[\w\-:.]*|\d+x\d+")

def numbers(text, extra_strip=()):
    t = text
    for s in extra_strip:
        if s: t = t.replace(s, " ")
    t = ID_RE.sub(" ", t)
    vals = []
    for m in re.finditer(r"\d{1,3}(?:[ \u00a0\u202f'’.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?", t):
        s = m.group(0)
        cands = set()
        seps = [c for c in s if not c.isdigit()]
        if not seps:
            cands.add(float(s))
        else:
            last = max(s.rfind("."), s.rfind(","))
            tail = s[last + 1:]
            kinds = set(seps)
            if len(kinds) >= 2 and (s[last] in ".,"):
                cands.add(float(re.sub(r"\D", "", s[:last]) + "." + tail))
            elif len(seps) == 1 and s[last] in ".,":
                cands.add(float(s[:last] + "." + tail))
                if len(tail) == 3:
                    cands.add(float(s[:last] + tail))
            else:
                cands.add(float(re.sub(r"\D", "", s)))
        vals.append((cands, m.start(), m.end(), t))
    return vals

def has_num(vals, v, tol):
    return any(abs(c - v) <= tol for cs, *_ in vals for c in cs)

NEG = dict(en=r"\bnot\b|can't|cannot|\bno\b|n't|restrict", de=r"nicht|kein|leider", es=r"\bno\b|restric", fr=r"\bpas\b|\bne\b|\bn'|restrict|impossible",
           pt=r"não|nao\b|restri", zh=r"不(?!锈)|无法|没有|限制", ja=r"できません|ません|不可|制限")
DAYW = r"\s*(?:days?|Tage?n?|días|dias|jours?|天|日)"

def tol_money(v):
    return max(0.011, 0.005 * abs(v))

def check(qd, a):
    text = a["text"]
    res = {}
    full, md, rest = dates(text)
    title_nums = [qd["text"]]
    nums = numbers(rest)
    # facts
    fr = []
    for f in qd["facts"]:
        k = f["kind"]
        if k == "text":
            ok = f["value"].lower() in text.lower()
        elif k in ("status", "payer"):
            ok = any(w.lower() in text.lower() for w in f["any"])
        elif k == "date":
            y, mo, d = map(int, f["value"].split("-"))
            ok = (y, mo, d) in full or (mo, d) in md and not any((yy, mo, d) for yy, mm, dd in full if (mm, dd) == (mo, d) and yy != y)
        elif k == "money":
            ok = has_num(nums, f["value"], tol_money(f["value"]))
        elif k == "number":
            ok = has_num(nums, f["value"], f.get("tol", 0.001))
        elif k == "negative":
            ok = re.search(NEG[qd["language"]], text, flags=re.I) is not None
        else:
            ok = False
        fr.append({"fact": f, "ok": bool(ok)})
    res["facts"] = fr
    # contradictions
    con = []
    c = qd.get("contra") or {}
    if "order" in c and c["order"] in ORDERS:
        od = ORDERS[c["order"]]
        allowed = set()
        import datetime as dtm
        for s in od["dates"]:
            d0 = dtm.date.fromisoformat(s)
            for k in (-1, 0, 1):
                x = d0 + dtm.timedelta(days=k)
                allowed.add((x.year, x.month, x.day))
        amd = {(m, d) for _, m, d in allowed}
        for x in full:
            if x not in allowed and (x[0], x[2], x[1]) not in allowed: con.append(f"date {x} not an order date")
        for x in md:
            if x not in amd and (x[1], x[0]) not in amd: con.append(f"month-day {x} not an order date")
        for t in re.findall(r"\b[A-Z]{2}\d{8,12}\b", text):
            if t != od["tracking"]: con.append(f"tracking {t} is not the order's")
    if "ships" in c:
        key = f"{c['product']}|{c['country']}"
        neg = re.search(NEG[qd["language"]], text, flags=re.I) is not None
        if c["ships"]:
            sp = SHIPS.get(key)
            cur = next((f["cur"] for f in qd["facts"] if f["kind"] == "money"), "EUR")
            okp = [f for f in fr if f["fact"]["kind"] in ("money", "number") and f["ok"]]
            if neg and not okp:
                con.append("says it does not ship, graph says it ships")
            if sp:
                allowed = []
                for cc in {cur, "EUR"}:
                    for v in (sp["price"], sp["cost"], sp["price"] + sp["cost"]):
                        allowed.append(v * RATE[cc])
                for cs, a0, b0, t in nums:
                    s = t[a0:b0]
                    if re.search(r"[.,]\d{2}$", s) and not any(abs(cv - v) <= tol_money(v) for cv in cs for v in allowed):
                        if s not in qd["text"]:
                            con.append(f"amount {s} is none of price/cost/total")
        else:
            yes = re.search(r"\b(yes|ja|sí|si|oui|sim)\b|可以|できます", text, flags=re.I) is not None
            if not neg and (yes or re.search(r"\d+" + DAYW, rest) or any(re.search(r"[.,]\d{2}$", t[a0:b0]) for cs, a0, b0, t in nums)):
                con.append("no negative and a yes/price/days: reads as if it ships, graph says restricted")
    if "window_days" in c:
        for m in re.finditer(r"(\d+)" + DAYW, rest):
            if int(m.group(1)) != c["window_days"] and m.group(0).strip() not in qd["text"]:
                con.append(f"{m.group(0).strip()} is not the window {c['window_days']}")
    if qd["intent"] == "duties":
        allowed = [f["value"] for f in qd["facts"] if f.get("what") in ("duty %", "vat %")]
        for m in re.finditer(r"(\d+(?:[.,]\d+)?)\s*%", rest):
            v = float(m.group(1).replace(",", "."))
            if not any(abs(v - x) < 0.001 for x in allowed):
                con.append(f"{m.group(0)} is neither duty nor VAT")
    res["contradictions"] = con
    # leaks
    leak = [s for s in qd["must_not_contain"] if s and s.lower() in text.lower()]
    if qd["must_not_contain"]:
        foreign = re.findall(r"demo-order-[\d-]+\d", qd["text"])
        leak += [x for x in a.get("citations") or [] if any(x.startswith(o) for o in foreign)]
    res["leaks"] = leak
    return res

def pct(xs):
    return round(100.0 * sum(xs) / len(xs), 1) if xs else None

def q95(xs):
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))] * 1000) if xs else None

def main():
    rows = []
    if "--warmup" in sys.argv and not RESCORE:  # one uncounted message first: the intent classifier trains on first need
        a, dt, err = ask("zzqx blorp wibble", None)
        print(f"warm-up request (not counted): {dt:.1f}s {err or ''}", flush=True)
    t0 = time.time()
    for i, qd in enumerate(QS):
        if RESCORE:  # re-check stored answers against (corrected) labels; no request sent
            old = next(x for x in RESCORE["rows"] if x["id"] == qd["id"])
            a = None if old["answer"] is None else {"text": old["answer"], "language": old["answer_language"], "intent": old["intent"],
                 "handoff": old["handoff"], "ticketId": old["ticketId"], "citations": old["citations"]}
            dt, err = old["latency_s"], old["error"]
        else:
            a, dt, err = ask(qd["text"], qd["shopper"])
        r = {"id": qd["id"], "language": qd["language"], "intent_label": qd["intent"], "shopper": qd["shopper"],
             "text": qd["text"], "latency_s": round(dt, 4), "error": err}
        if a is None:
            r.update(intent_ok=False, facts_ok=False if qd["facts"] else None, contradictions=[], leaks=[],
                     handoff_ok=None if qd["handoff_expected"] is None else False, answer=None)
        else:
            ch = check(qd, a)
            exp_h = qd["handoff_expected"]
            if exp_h is None:
                hok = None
            elif exp_h is False:
                hok = a["handoff"] is None
            else:
                hok = a["handoff"] == exp_h and (exp_h != "human" or bool(a["ticketId"]))
            r.update(answer=a["text"], answer_language=a["language"], intent=a["intent"], handoff=a["handoff"],
                     ticketId=a["ticketId"], citations=a["citations"],
                     intent_ok=a["intent"] == INTENT_MAP[qd["intent"]],
                     facts=ch["facts"], facts_ok=all(f["ok"] for f in ch["facts"]) if qd["facts"] else None,
                     facts_ok_strict_numbers=all(f["ok"] for f in ch["facts"] if f["fact"]["kind"] not in ("payer", "status")) if qd["facts"] else None,
                     contradictions=ch["contradictions"], leaks=ch["leaks"], handoff_ok=hok,
                     lang_ok=a["language"] == qd["language"])
        rows.append(r)
        if (i + 1) % 25 == 0:
            print(f"{i + 1}/{len(QS)} {time.time() - t0:.0f}s", flush=True)
    def agg(rs):
        f = [r["facts_ok"] for r in rs if r["facts_ok"] is not None]
        fs = [r.get("facts_ok_strict_numbers") for r in rs if r.get("facts_ok_strict_numbers") is not None]
        h = [r["handoff_ok"] for r in rs if r["handoff_ok"] is not None]
        lat = [r["latency_s"] for r in rs]
        return {"n": len(rs), "intent_pct": pct([r["intent_ok"] for r in rs]), "facts_all_pct": pct(f), "facts_n": len(f),
                "facts_wo_wording_pct": pct(fs), "contradicting": sum(1 for r in rs if r["contradictions"]),
                "handoff_pct": pct(h), "handoff_n": len(h), "leaks": sum(len(r["leaks"]) for r in rs),
                "answer_lang_pct": pct([r.get("lang_ok", False) for r in rs]),
                "errors": sum(1 for r in rs if r["error"]),
                "p50_ms": round(statistics.median(lat) * 1000) if lat else None, "p95_ms": q95(lat)}
    by_lang = {l: agg([r for r in rows if r["language"] == l]) for l in ["en", "de", "es", "fr", "pt", "zh", "ja"]}
    by_int = {k: agg([r for r in rows if r["intent_label"] == k]) for k in INTENT_MAP}
    by_int["ships_to(restricted)"] = agg([r for r in rows if r["intent_label"] == "ships_to" and any(f["fact"]["kind"] == "negative" for f in r.get("facts") or [])])
    by_int["other-shopper order"] = agg([r for r in rows if any(q["id"] == r["id"] and q["must_not_contain"] and q["shopper"] for q in QS)])
    total = agg(rows)
    cols = ["n", "intent_pct", "facts_all_pct", "facts_n", "facts_wo_wording_pct", "contradicting", "handoff_pct", "handoff_n", "leaks", "answer_lang_pct", "errors", "p50_ms", "p95_ms"]
    def table(title, d):
        print(f"\n{title}")
        print(f"{'':24}" + "".join(f"{c:>12}" for c in cols))
        for k, v in d.items():
            print(f"{k:24}" + "".join(f"{str(v[c]):>12}" for c in cols))
    table("per language", {**by_lang, "ALL": total})
    table("per intent (label)", by_int)
    json.dump({"url": URL, "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "total": total,
               "by_language": by_lang, "by_intent": by_int, "rows": rows}, open(OUT, "w"), ensure_ascii=False, indent=1)

if __name__ == "__main__":
    main()
