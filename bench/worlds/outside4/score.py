"""Black-box scorer for eval10d (own work, CC0).
Sends each labelled query to the API's GraphQL `search` and scores the answer against the labels
and the catalog files (never the API's own data).  Usage: python3 score.py [--url URL] [--out results.json] [--tag NAME]"""
import argparse, json, os, re, statistics, time, urllib.request
import catalog_check as cc
HERE = os.path.dirname(os.path.abspath(__file__))
Q = """query($q:String!,$lang:Language,$first:Int!){ search(query:$q, lang:$lang, first:$first) {
  exactMatches complete notice backend totalCount
  interpretation { name value groundedId source label }
  products { id title }
  closeMatches { relaxed label products { id } } } }"""
REC = {"dad": {"father", "dad", "papa", "parent"}, "mom": {"mother", "mom", "mum", "parent"},
       "grandma": {"grandmother", "grandma", "grandparent"}, "grandpa": {"grandfather", "grandpa", "grandparent"},
       "child": {"child", "children", "kid", "kids", "son", "daughter", "boy", "girl", "baby", "toddler"},
       "wife": {"wife", "partner", "woman", "spouse"}}
OURS = {p["category_id"] for p in cc.PRODUCTS.values()}
CAT_AGES = {}
for p in cc.PRODUCTS.values():
    CAT_AGES.setdefault(p["category_id"], set()).add(p.get("age_group"))
NEUTRAL = {"keyword", "sort", "occasion", "keywords"}

def gql(url, query, lang):
    body = json.dumps({"query": Q, "variables": {"q": query, "lang": lang.upper(), "first": 10}}).encode()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r:
        data = json.load(r)
    return data, (time.perf_counter() - t) * 1000

def slot_check(lab, interp):
    """Returns dict slot -> 'ok' | 'missing' | 'wrong' | 'spurious'."""
    got = {}
    for s in interp:
        got.setdefault(s["name"], []).append(s)
    res = {}
    # category
    cats = [s.get("groundedId") for s in got.get("category", [])]
    if lab["category"]:
        ok = {lab["category"], *lab.get("alt_categories", [])}
        res["category"] = "missing" if not cats else ("ok" if all(c in ok for c in cats) else "wrong")
    elif cats:
        # a kind the shop does not sell may be named as such (a category with none of our products)
        res["category"] = "ok" if (lab["cls"] == "not_sold" and not any(c in OURS for c in cats)) else "spurious"
    # colour
    cols = [s["value"].lower() for s in got.get("colour", [])]
    if lab["colour"]:
        res["colour"] = "missing" if not cols else ("ok" if cols == [lab["colour"]] or (lab["colour"] == "grey" and cols == ["gray"]) else "wrong")
    elif cols:
        res["colour"] = "spurious"
    # brand
    brands = [s.get("groundedId") for s in got.get("brand", [])]
    if lab["brand"]:
        res["brand"] = "missing" if not brands else ("ok" if brands == [lab["brand"]] else "wrong")
    elif brands:
        res["brand"] = "spurious"
    # material
    mats = [s["value"].lower() for s in got.get("material", [])]
    if lab["material"]:
        res["material"] = "missing" if not mats else ("ok" if any(lab["material"] in m for m in mats) else "wrong")
    elif mats:
        res["material"] = "spurious"
    # price
    pm = got.get("price_max", [])
    if lab["max_price"] is not None:
        if not pm:
            res["price"] = "missing"
        else:
            m = re.match(r"\s*([\d.,]+)\s*([A-Z]{3})", pm[0]["value"])
            amt = float(m.group(1).replace(",", "")) if m else None
            curr = (pm[0].get("groundedId") or (m.group(2) if m else None))
            res["price"] = "ok" if (amt is not None and abs(amt - lab["max_price"]) <= 0.01 * lab["max_price"]
                                    and curr == lab["currency"]) else "wrong"
    elif pm:
        res["price"] = "spurious"
    if got.get("price_min"):
        res["price_min"] = "spurious"
    # ship-to
    st = [s.get("groundedId") for s in got.get("ship_to", [])]
    if lab["ship_to"]:
        res["ship_to"] = "missing" if not st else ("ok" if st == [lab["ship_to"]] else "wrong")
    elif st:
        res["ship_to"] = "spurious"
    # recipient and age group (a child recipient and the kids age group stand for each other)
    recs = [s["value"].lower() for s in got.get("recipient", [])]
    ages = [s["value"].lower() for s in got.get("age_group", [])]
    lr = lab["recipient"]
    if lr:
        okset = REC.get(lr, {lr})
        if recs:
            res["recipient"] = "ok" if all(r in okset for r in recs) else "wrong"
        elif lr == "child" and ages and all(a in ("kids", "teen", "baby") for a in ages):
            res["recipient"] = "ok"
        else:
            res["recipient"] = "missing"
    elif recs:
        res["recipient"] = "spurious"
    if ages:
        allowed = set()
        if lab["age_group"]: allowed.add(lab["age_group"])
        if lr == "child": allowed |= {"kids", "baby"}
        if lab["category"] and CAT_AGES.get(lab["category"]) and None not in CAT_AGES[lab["category"]]:
            allowed |= CAT_AGES[lab["category"]]   # implied by the kind (diapers are for babies)
        res["age_group"] = "ok" if all(a in allowed for a in ages) else "spurious"
    elif lab["age_group"] and lr != "child":
        res["age_group"] = "missing"
    for name in got:
        if name not in NEUTRAL and name not in ("category", "colour", "brand", "material", "price_max", "price_min",
                                                 "ship_to", "recipient", "age_group", "currency"):
            res[name] = "spurious"
    if got.get("currency") and lab["currency"] is None:
        res["currency"] = "spurious"
    return res

def pct(xs, p):
    xs = sorted(xs)
    if not xs: return None
    k = (len(xs) - 1) * p / 100
    f = int(k); c = min(f + 1, len(xs) - 1)
    return xs[f] + (xs[c] - xs[f]) * (k - f)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8796/graphql")
    ap.add_argument("--out", default=os.path.join(HERE, "results.json"))
    ap.add_argument("--tag", default="run")
    a = ap.parse_args()
    labels = [json.loads(l) for l in open(os.path.join(HERE, "queries.jsonl"), encoding="utf-8") if l.strip()]
    for w in ("Nike Laufschuhe unter 80 €", "red violin"):   # warm-up, not scored
        gql(a.url, w, "en")
    rows = []
    for lab in labels:
        data, ms = gql(a.url, lab["query"], lab["language"])
        if data.get("errors"):
            rows.append({"id": lab["id"], "error": data["errors"], "ms": ms, "language": lab["language"]}); continue
        s = data["data"]["search"]
        slots = slot_check(lab, s["interpretation"])
        returned = [p["id"] for p in s["products"]]
        good = [pid for pid in returned if pid in cc.PRODUCTS and not lab["no_match"] and not cc.failures(cc.PRODUCTS[pid], lab)]
        bad = {pid: (cc.failures(cc.PRODUCTS[pid], lab) if pid in cc.PRODUCTS else ["not in catalog"]) for pid in returned if pid not in good}
        rows.append({"id": lab["id"], "language": lab["language"], "query": lab["query"], "cls": lab["cls"],
                     "ms": round(ms, 1), "all_slots_right": all(v == "ok" for v in slots.values()), "slots": slots,
                     "interpretation": [(x["name"], x["value"], x.get("groundedId"), x["source"]) for x in s["interpretation"]],
                     "returned": returned, "good": len(good), "bad": bad, "exactMatches": s["exactMatches"],
                     "notice": s["notice"], "backend": s["backend"],
                     "close": [(c["relaxed"], c["label"], len(c["products"])) for c in s["closeMatches"]],
                     "label_no_match": lab["no_match"], "empty": len(returned) == 0,
                     "no_match_right": (len(returned) == 0) == bool(lab["no_match"])})
    summary = {}
    for lang in ["en", "de", "es", "fr", "pt", "zh", "ja", "all"]:
        rs = [r for r in rows if (lang == "all" or r["language"] == lang)]
        ok = [r for r in rs if "error" not in r]
        ret = sum(len(r["returned"]) for r in ok); good = sum(r["good"] for r in ok)
        nm = [r for r in ok if r["label_no_match"]]; m = [r for r in ok if not r["label_no_match"]]
        ms = [r["ms"] for r in rs]
        summary[lang] = {"n": len(rs), "errors": len(rs) - len(ok),
            "all_slots_right": round(sum(r["all_slots_right"] for r in ok) / len(rs), 3),
            "precision": round(good / ret, 3) if ret else None, "returned": ret,
            "no_match_right": round(sum(r["no_match_right"] for r in nm) / len(nm), 3) if nm else None, "n_no_match": len(nm),
            "empty_when_match_exists": sum(r["empty"] for r in m), "n_match": len(m),
            "p50_ms": round(pct(ms, 50), 1), "p95_ms": round(pct(ms, 95), 1)}
    out = {"tag": a.tag, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "url": a.url,
           "loadavg": os.getloadavg(), "summary": summary, "queries": rows}
    json.dump(out, open(a.out, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"{'lang':5} {'n':>3} {'allslots':>8} {'prec':>6} {'ret':>4} {'nomatch':>8} {'empty!':>6} {'p50ms':>7} {'p95ms':>7}")
    for lang, v in summary.items():
        print(f"{lang:5} {v['n']:>3} {v['all_slots_right']:>8.2f} {v['precision'] if v['precision'] is not None else '-':>6} {v['returned']:>4} "
              f"{(str(v['no_match_right'])+'/'+str(v['n_no_match'])):>8} {v['empty_when_match_exists']:>6} {v['p50_ms']:>7} {v['p95_ms']:>7}")
    bad_slots = {}
    for r in rows:
        for k, v in r.get("slots", {}).items():
            if v != "ok": bad_slots[f"{k}:{v}"] = bad_slots.get(f"{k}:{v}", 0) + 1
    print("slot failures:", dict(sorted(bad_slots.items(), key=lambda x: -x[1])))

if __name__ == "__main__":
    main()
