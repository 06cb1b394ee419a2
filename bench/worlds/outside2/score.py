"""Black-box scorer for the e10b world (own work, CC0).

Sends every query of queries.jsonl to the API's GraphQL `search` (anonymous, lang = the query's
language, no shipTo argument: the destination must come from the words) and scores:

- all-slots-right: the API's `interpretation` vs the labels, for the slots category, colour, brand,
  max price, currency, ship-to and recipient; a labelled slot must be understood with that value and
  an unlabelled one must not be understood (spurious). For a no-match query whose label has no
  category, a category the shop does not sell (e.g. "tent") counts as right, since the shop's
  answer is still "nothing".
- precision: share of returned (exact) products meeting every labelled constraint, judged on the
  catalog files of this folder (catalog_check.py), never on the API's word.
- no-match correctness: on no_match queries, the API returns no exact product; on the others,
  it returns at least one.
- latency per query (client side, warm after one warm-up query): p50/p95.

Usage: python score.py [--url http://127.0.0.1:8796/graphql] [--out results.json] [--label RUN]
"""
import argparse
import json
import os
import statistics
import time
import urllib.request

import catalog_check as cc

HERE = os.path.dirname(os.path.abspath(__file__))

QUERY = """query S($q: String!, $lang: Language, $first: Int) {
  search(query: $q, lang: $lang, first: $first) {
    products { id title price { amount currency } }
    exactMatches complete notice
    interpretation { name value groundedId label source }
    backend
    closeMatches { relaxed label products { id } }
  }
}"""

# The interpretation's slot names, as the API's schema documents them (Slot.name): category, brand,
# colour, material, size, gender, age_group, price_min, price_max, ship_to, sort, keywords,
# recipient, occasion. groundedId carries the graph id (category, brand, country, price currency).
SCORED = ["category", "colour", "brand", "max_price", "currency", "ship_to", "recipient"]
RECIPIENTS = {
    "father": {"father", "dad", "papa", "daddy"},
    "mother": {"mother", "mom", "mum", "mama"},
    "grandmother": {"grandmother", "grandma", "granny", "grandparent", "oma"},
    "child": {"child", "children", "kid", "kids", "son", "daughter", "boy", "girl"},
    "baby": {"baby", "infant", "newborn"},
}
COLOURS = {
    "red": {"red", "rot", "rojo", "roja", "rouge", "vermelho", "红", "红色", "赤", "赤い"},
    "blue": {"blue", "blau", "azul", "bleu", "蓝", "蓝色", "青", "青い"},
    "green": {"green", "grün", "verde", "vert", "绿", "绿色", "緑"},
    "black": {"black", "schwarz", "negro", "negra", "noir", "noire", "preto", "黑", "黑色", "黒", "黒い"},
    "white": {"white", "weiß", "weiss", "blanco", "blanca", "blancas", "blanc", "branco", "白", "白色", "白い"},
    "grey": {"grey", "gray", "grau", "gris", "cinza", "灰色", "グレー"},
    "pink": {"pink", "rosa", "rose", "粉色", "ピンク"},
    "yellow": {"yellow", "gelb", "amarillo", "jaune", "amarelo", "黄色", "黄"},
}


def slots_of(interp):
    """{slot: set of values} from the API's interpretation chips."""
    got = {}
    for item in interp or []:
        name, value, gid = item.get("name"), str(item.get("value") or ""), item.get("groundedId")
        if name == "category":
            got.setdefault("category", set()).add(gid or f"?{value}")
        elif name == "brand":
            got.setdefault("brand", set()).add(gid or f"?{value}")
        elif name == "colour":
            canon = [c for c, words in COLOURS.items() if value.lower() in words or (gid or "").lower() == c]
            got.setdefault("colour", set()).add(canon[0] if canon else value.lower())
        elif name == "price_max":
            got.setdefault("max_price", set()).add(value.split()[0] if value else "")
            got.setdefault("currency", set()).add((gid or (value.split()[-1] if value else "")).upper())
        elif name == "price_min":
            got.setdefault("price_min", set()).add(value)
        elif name == "ship_to":
            got.setdefault("ship_to", set()).add((gid or f"?{value}").upper())
        elif name == "recipient":
            got.setdefault("recipient", set()).add(value.lower())
        elif name == "age_group":
            got.setdefault("age_group", set()).add(value.lower())
    return got


def gql(url, query, variables, timeout=120):
    body = json.dumps({"query": query, "variables": variables}).encode()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=timeout) as r:
        out = json.loads(r.read())
    return out, time.perf_counter() - t0


def norm_num(v):
    try:
        return float(str(v).replace(",", ""))
    except ValueError:
        return None


def check_slots(label, got):
    """List of (slot, expected, understood) that are wrong."""
    wrong = []
    for slot in SCORED:
        exp = label.get(slot)
        vals = got.get(slot, set())
        if slot == "category":
            if exp:
                ok = vals == {exp}
            elif label.get("no_match"):
                ok = not (vals & cc.SHOP_CATEGORIES)
            else:
                ok = not vals
        elif slot == "max_price":
            nums = {norm_num(v) for v in vals}
            ok = (not vals) if exp is None else (len(nums) == 1 and None not in nums and abs(next(iter(nums)) - exp) < 0.01)
        elif slot == "recipient":
            if exp is None:
                ok = not vals
            else:
                ok = bool(vals) and all(v in RECIPIENTS[exp] for v in vals)
                # "for kids" may be read as the age group instead of a recipient: accepted
                if not vals and exp in ("child", "baby"):
                    ok = bool(got.get("age_group", set()) & {"kids", "baby", "kids_"})
        else:
            ok = (not vals) if exp is None else vals == {exp}
        if not ok:
            wrong.append((slot, exp, sorted(vals)))
    if "price_min" in got:
        wrong.append(("price_min", None, sorted(got["price_min"])))
    return wrong


def pct(x):
    return None if x is None else round(100 * x, 1)


def quantile(xs, q):
    xs = sorted(xs)
    if not xs:
        return None
    k = min(len(xs) - 1, max(0, int(round(q * (len(xs) - 1)))))
    return xs[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8796/graphql")
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.jsonl"))
    ap.add_argument("--out", default=os.path.join(HERE, "results.json"))
    ap.add_argument("--label", default="run")
    ap.add_argument("--first", type=int, default=10)
    ap.add_argument("--pause", type=float, default=2.1, help="seconds between queries (API: 30 searches/minute)")
    args = ap.parse_args()
    labels = [json.loads(l) for l in open(args.queries, encoding="utf-8") if l.strip()]
    # warm-up (not scored)
    try:
        gql(args.url, QUERY, {"q": "warm up", "lang": "EN", "first": 1}, timeout=300)
    except Exception as e:  # noqa: BLE001
        print("warm-up failed:", e)
    rows = []
    for lab in labels:
        time.sleep(args.pause)
        for attempt in range(5):
            try:
                out, dt = gql(args.url, QUERY, {"q": lab["query"], "lang": lab["lang"].upper(), "first": args.first})
            except urllib.error.HTTPError as e:
                if e.code == 429:
                    time.sleep(int(e.headers.get("Retry-After", "10")) + 1)
                    continue
                out, dt = {"errors": [{"message": f"HTTP {e.code}"}]}, None
            break
        errs = out.get("errors")
        if errs and any((e.get("extensions") or {}).get("code") == "RATE_LIMITED" for e in errs):
            time.sleep(30)
            out, dt = gql(args.url, QUERY, {"q": lab["query"], "lang": lab["lang"].upper(), "first": args.first})
            errs = out.get("errors")
        s = (out.get("data") or {}).get("search") or {}
        interp = s.get("interpretation") or []
        got = slots_of(interp)
        wrong = check_slots(lab, got) if not errs else [("error", None, [str(errs)[:200]])]
        prods = [p["id"] for p in s.get("products") or []]
        fails = {pid: cc.failures(pid, lab) for pid in prods}
        good = sum(1 for f in fails.values() if not f)
        nomatch_ok = (len(prods) == 0) if lab["no_match"] else (len(prods) > 0)
        rows.append({"query": lab["query"], "lang": lab["lang"], "label": lab, "latency_s": dt,
                     "errors": errs, "interpretation": interp, "notice": s.get("notice"),
                     "exactMatches": s.get("exactMatches"), "products": prods,
                     "product_failures": {k: v for k, v in fails.items() if v},
                     "closeMatches": [{"relaxed": c.get("relaxed"), "label": c.get("label"), "n": len(c.get("products") or [])}
                                      for c in s.get("closeMatches") or []],
                     "slots_wrong": wrong, "all_slots_right": not wrong, "precision_hits": good,
                     "returned": len(prods), "no_match_correct": nomatch_ok, "backend": s.get("backend")})
        print(f"{lab['lang']} {'OK ' if not wrong else 'BAD'} n={len(prods):2d} good={good:2d} "
              f"{(dt or 0)*1000:6.0f}ms  {lab['query']}  {'' if not wrong else wrong}", flush=True)
    summary = {}
    for lang in ["en", "de", "es", "fr", "pt", "zh", "ja", "all"]:
        rs = [r for r in rows if lang == "all" or r["lang"] == lang]
        if not rs:
            continue
        ret = sum(r["returned"] for r in rs)
        nm = [r for r in rs if r["label"]["no_match"]]
        m = [r for r in rs if not r["label"]["no_match"]]
        lat = [r["latency_s"] for r in rs if r["latency_s"] is not None]
        summary[lang] = {
            "queries": len(rs),
            "all_slots_right_pct": pct(sum(r["all_slots_right"] for r in rs) / len(rs)),
            "precision_pct": pct(sum(r["precision_hits"] for r in rs) / ret) if ret else None,
            "products_returned": ret,
            "no_match_queries_empty": f"{sum(r['no_match_correct'] for r in nm)}/{len(nm)}",
            "match_queries_nonempty": f"{sum(r['no_match_correct'] for r in m)}/{len(m)}",
            "no_match_correct_pct": pct(sum(r["no_match_correct"] for r in rs) / len(rs)),
            "p50_ms": round(1000 * statistics.median(lat)) if lat else None,
            "p95_ms": round(1000 * quantile(lat, 0.95)) if lat else None,
        }
    hdr = f"{'lang':5} {'n':>3} {'slots%':>7} {'prec%':>6} {'ret':>4} {'nm-empty':>9} {'m-nonempty':>10} {'nm-corr%':>8} {'p50ms':>6} {'p95ms':>6}"
    print("\n" + args.label)
    print(hdr)
    for lang, v in summary.items():
        print(f"{lang:5} {v['queries']:3d} {v['all_slots_right_pct']!s:>7} {v['precision_pct']!s:>6} {v['products_returned']:4d} "
              f"{v['no_match_queries_empty']:>9} {v['match_queries_nonempty']:>10} {v['no_match_correct_pct']!s:>8} "
              f"{v['p50_ms']!s:>6} {v['p95_ms']!s:>6}")
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"run": args.label, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                   "summary": summary, "rows": rows}, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
