"""Black-box scorer for the eval10c world (own work, CC0).

Sends every labelled query to the API's GraphQL `search` (lang = the query's language, first = 10,
no shipTo / currency arguments: destination and currency only come from the words) and reports per
language:
  * all-slots-right: the API's `interpretation` slots vs the labels (category, colour, brand, max
    price + currency, ship-to, recipient, age group, material; a gender/size/min-price slot the
    labels do not have counts as spurious);
  * precision: share of returned `products` (exact matches) that meet every labelled constraint,
    checked against our own catalog files (never the API's data);
  * no-match correctness: no_match queries must return no products; others must return some;
  * latency p50/p95 of the whole request, measured at the client.
Usage: python3 score.py [--url URL] [--out results.json] [--tag NAME]
"""
import argparse
import json
import os
import re
import statistics
import time
import urllib.error
import urllib.request

from catalog_facts import P, RATES, eur, ships  # our catalog files

H = os.path.dirname(os.path.abspath(__file__))
PROD = {p["id"]: p for p in P}
PROD_AGE = {}  # category -> the age group all its products carry (None when mixed or absent)
for _p in P:
    PROD_AGE.setdefault(_p["category_id"], _p.get("age_group"))
    if PROD_AGE[_p["category_id"]] != _p.get("age_group"):
        PROD_AGE[_p["category_id"]] = None
LANGS = ["en", "de", "es", "fr", "pt", "zh", "ja"]

GQL = """query($q:String!,$l:Language){ search(query:$q, lang:$l, first:10){
  exactMatches complete notice backend totalCount
  products { id }
  closeMatches { relaxed label products { id } }
  interpretation { name value groundedId source label } } }"""

RECIP = {  # canonical recipient words (the API answers in English words or ids; we map both)
    "dad": {"dad", "father", "papa", "daddy", "vater", "padre", "pai", "père", "爸爸", "父"},
    "mum": {"mum", "mom", "mother", "mama", "mutter"},
    "grandpa": {"grandpa", "grandfather", "opa", "granddad", "grandparent"},
    "grandma": {"grandma", "grandmother", "oma", "granny", "abuela", "avó", "grandparent"},
    "child": {"child", "children", "kid", "kids", "kinder", "kind", "niños", "niño", "enfant", "enfants", "toddler"},
    "daughter": {"daughter", "tochter", "hija", "filha", "fille", "girl", "child"},  # a daughter is a child
    "baby": {"baby", "babies", "newborn", "infant"},
}


def canon_recip(v):
    v = (v or "").strip().lower()
    for k, words in RECIP.items():
        if v == k or v in words:
            return k
    return v or None


def meets(p, L):
    if L["category"] is None:
        return False
    if p["category_id"] not in [L["category"]] + L["also_ok"]:
        return False
    if L["colour"] and p["colour"] != L["colour"]:
        return False
    if L["brand"] and p["brand_id"] != L["brand"]:
        return False
    if L["max_price"] is not None and eur(p) > L["max_price"] / RATES[L["currency"]] * 1.005:
        return False
    if L["ship_to"] and not ships(p, L["ship_to"]):
        return False
    if L["age_group"] and p.get("age_group") != L["age_group"]:
        return False
    if L["material"] and p.get("material") != L["material"]:
        return False
    return True


def parse_price(v):
    m = re.match(r"\s*([0-9][0-9.,]*)\s*([A-Z]{3})?", v or "")
    if not m:
        return None, None
    return float(m.group(1).replace(",", "")), m.group(2)


def _taxonomy_ids():
    """gpt id -> list of ancestor ids, from the shared Google taxonomy file (not the project's code)."""
    path = os.path.join(os.environ.get("TAXO", "/work/shared/data/taxonomy"), "en-US.taxo.csv")
    by_path, anc = {}, {}
    for line in open(path, encoding="utf-8"):
        r = [x for x in line.strip().split(";")]
        if not r[0].strip().isdigit():
            continue
        names = tuple(x for x in r[1:] if x)
        by_path[names] = "gpt:" + r[0].strip()
    for names, i in by_path.items():
        # at most two levels up, never a top-level root ("Sporting Goods" is no answer)
        anc[i] = [by_path[names[:k]] for k in range(max(2, len(names) - 2), len(names)) if names[:k] in by_path]
    return anc


ANC = _taxonomy_ids()


def judge_slots(L, slots):
    """Return {slot: (ok, expected, got)} for the labelled slots and spurious extras."""
    by = {}
    for s in slots:
        by.setdefault(s["name"], []).append(s)
    out = {}
    # category
    cats = sorted({s.get("groundedId") or s.get("value") for s in by.get("category", [])})
    okset = set(([L["category"]] if L["category"] else []) + L["also_ok"])
    if L["category"] is None:
        ok = all(c in okset for c in cats)  # none, or the unsold kind itself
    else:
        ok = bool(cats) and all(c in okset for c in cats)
    out["category"] = (ok, L["category"], cats)
    # lenient (reported apart, not in all-slots-right): an ancestor of an acceptable category also counts
    lenient_set = okset | {a for c in okset for a in ANC.get(c, [])}
    out["_category_lenient"] = (ok or (bool(cats) and L["category"] is not None and all(c in lenient_set for c in cats)),
                                L["category"], cats)
    # colour
    cols = sorted({(s.get("groundedId") or s.get("value") or "").lower() for s in by.get("colour", [])})
    out["colour"] = ((cols == [L["colour"]]) if L["colour"] else not cols, L["colour"], cols)
    # brand
    brands = sorted({s.get("groundedId") or s.get("value") for s in by.get("brand", [])})
    out["brand"] = ((brands == [L["brand"]]) if L["brand"] else not brands, L["brand"], brands)
    # price
    pm = by.get("price_max", [])
    got = [parse_price(s.get("value")) for s in pm]
    if L["max_price"] is not None:
        ok = len(got) == 1 and got[0][0] is not None and abs(got[0][0] - L["max_price"]) < 0.01 * L["max_price"] + 0.01 \
            and (got[0][1] or (pm[0].get("groundedId"))) == L["currency"]
    else:
        ok = not pm and not by.get("price_min")
    out["price"] = (ok, (L["max_price"], L["currency"]), [s.get("value") for s in pm + by.get("price_min", [])])
    # ship-to
    st = sorted({s.get("groundedId") or s.get("value") for s in by.get("ship_to", [])})
    out["ship_to"] = ((st == [L["ship_to"]]) if L["ship_to"] else not st, L["ship_to"], st)
    # recipient
    rc = sorted({(s.get("groundedId") or s.get("value") or "").strip().lower() for s in by.get("recipient", [])})
    if L["recipient"]:
        okw = RECIP.get(L["recipient"], set()) | {L["recipient"]}
        ok = bool(rc) and all(v in okw for v in rc)
    else:
        ok = not rc
    out["recipient"] = (ok, L["recipient"], rc)
    # age group, material: labelled or spurious
    for name, key in (("age_group", "age_group"), ("material", "material")):
        vals = sorted({(s.get("groundedId") or s.get("value") or "").lower() for s in by.get(name, [])})
        out[name] = ((vals == [L[key]]) if L[key] else not vals, L[key], vals)
    # never labelled: any of these is spurious
    for name in ("gender", "size", "price_min"):
        vals = [s.get("value") for s in by.get(name, [])]
        out[name] = (not vals, None, vals)
    return out


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return None
    k = (len(xs) - 1) * p
    f = int(k)
    return xs[f] + (xs[min(f + 1, len(xs) - 1)] - xs[f]) * (k - f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8796/graphql")
    ap.add_argument("--out", default=os.path.join(H, "results.json"))
    ap.add_argument("--tag", default="run")
    ap.add_argument("--timeout", type=float, default=180)
    ap.add_argument("--rejudge", help="re-score a results file's saved answers (no API calls)")
    a = ap.parse_args()
    saved = {}
    if a.rejudge:
        old = json.load(open(a.rejudge, encoding="utf-8"))
        saved = {r["id"]: r for r in old["rows"]}
        a.tag, a.url = old["tag"], old["url"]
    labels = [json.loads(x) for x in open(os.path.join(H, "labels.jsonl"), encoding="utf-8")]

    def call(q, lang):
        body = json.dumps({"query": GQL, "variables": {"q": q, "l": lang.upper()}}).encode()
        req = urllib.request.Request(a.url, body, {"Content-Type": "application/json"})
        for attempt in range(20):  # the API's default budget is 30 searches a minute per client: wait, never count it
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=a.timeout) as r:
                    d = json.load(r)
                return d, time.perf_counter() - t
            except urllib.error.HTTPError as e:
                if e.code != 429:
                    raise
                wait = float(e.headers.get("Retry-After") or 5)
                time.sleep(min(max(wait, 1.0), 30.0))
        raise RuntimeError("still rate limited after 20 tries")

    warm = (("warm up query", "en"), ("Aufwärmen", "de"), ("calentar", "es"), ("échauffement", "fr"),
            ("aquecimento", "pt"), ("热身", "zh"), ("ウォームアップ", "ja"))
    for wq, wl in (warm if not a.rejudge else ()):  # one unscored query per language first: per-language caches are built then
        try:
            call(wq, wl)
        except Exception as e:  # noqa: BLE001
            print("warm-up failed:", e)

    rows = []
    for L in labels:
        if a.rejudge:
            o = saved[L["id"]]
            dt, err = o["latency_s"], o["error"]
            s = dict(interpretation=o["interpretation"], products=[{"id": i} for i in o["returned"]],
                     exactMatches=o["exact"], notice=o["notice"], backend=o["backend"],
                     closeMatches=[dict(relaxed=c["relaxed"], label=c["label"], products=[None] * c["n"]) for c in o["close"]])
        else:
          try:
            d, dt = call(L["query"], L["language"])
            err = d.get("errors")
            s = (d.get("data") or {}).get("search") or {}
          except Exception as e:  # noqa: BLE001
            d, dt, err, s = None, None, str(e), {}
        slots = s.get("interpretation") or []
        ids = [p["id"] for p in s.get("products") or []]
        judged = judge_slots(L, slots) if not err else {}
        all_ok = bool(judged) and all(v[0] for k, v in judged.items() if not k.startswith("_"))
        good = [i for i in ids if i in PROD and meets(PROD[i], L)]
        row = dict(id=L["id"], query=L["query"], language=L["language"], cls=L["class"], no_match=L["no_match"],
                   latency_s=dt, error=err, all_slots_right=all_ok,
                   slots={k: dict(ok=v[0], expected=v[1], got=v[2]) for k, v in judged.items()},
                   returned=ids, returned_ok=good, exact=s.get("exactMatches"), notice=s.get("notice"),
                   backend=s.get("backend"),
                   close=[dict(relaxed=c["relaxed"], label=c["label"], n=len(c["products"])) for c in s.get("closeMatches") or []],
                   interpretation=slots)
        row["nomatch_ok"] = (not ids) if L["no_match"] else bool(ids)
        # secondary: an age group that every product of the labelled category carries is redundant, not wrong
        cat_ages = {PROD_AGE.get(L["category"])} if L["category"] else set()
        row["all_slots_right_age_redundant_ok"] = bool(judged) and all(
            v[0] or (k == "age_group" and not L["age_group"] and v[2] and set(v[2]) <= cat_ages - {None})
            for k, v in judged.items() if not k.startswith("_"))
        rows.append(row)
        bad = [k for k, v in judged.items() if not v[0] and not k.startswith("_")]
        print("%-6s %5.2fs %s %2d/%2d %s %s" % (L["id"], dt or -1, "OK " if all_ok else "bad", len(good), len(ids),
                                             L["query"], ("wrong: " + ",".join(bad)) if bad else ""), flush=True)

    summary = {}
    for lang in LANGS + ["all"]:
        R = [r for r in rows if lang in (r["language"], "all")]
        nm = [r for r in R if r["no_match"]]
        m = [r for r in R if not r["no_match"]]
        ret = sum(len(r["returned"]) for r in R)
        lat = [r["latency_s"] for r in R if r["latency_s"] is not None]
        per_slot = {}
        for r in R:
            for k, v in r["slots"].items():
                per_slot.setdefault(k, []).append(v["ok"])
        summary[lang] = dict(
            n=len(R), all_slots_right=sum(r["all_slots_right"] for r in R) / len(R),
            all_slots_right_age_redundant_ok=sum(r["all_slots_right_age_redundant_ok"] for r in R) / len(R),
            precision=(sum(len(r["returned_ok"]) for r in R) / ret) if ret else None, returned=ret,
            precision_match_queries=(sum(len(r["returned_ok"]) for r in m) / max(1, sum(len(r["returned"]) for r in m))),
            nomatch_correct=(sum(r["nomatch_ok"] for r in nm) / len(nm)) if nm else None, n_nomatch=len(nm),
            found_when_should=(sum(r["nomatch_ok"] for r in m) / len(m)) if m else None,
            p50_s=pct(lat, 0.5), p95_s=pct(lat, 0.95), errors=sum(1 for r in R if r["error"]),
            slot_accuracy={k: sum(v) / len(v) for k, v in per_slot.items()},
        )
    print("\n%s  (%s)" % (a.tag, a.url))
    print("%-4s %4s %8s %9s %8s %8s %7s %7s" % ("lang", "n", "allslot", "precision", "nomatch", "found", "p50 s", "p95 s"))
    for lang, v in summary.items():
        print("%-4s %4d %8.1f%% %8s %8s %8s %7.2f %7.2f" % (
            lang, v["n"], 100 * v["all_slots_right"],
            "%.1f%%" % (100 * v["precision"]) if v["precision"] is not None else "-",
            "%.0f%%" % (100 * v["nomatch_correct"]) if v["nomatch_correct"] is not None else "-",
            "%.0f%%" % (100 * v["found_when_should"]) if v["found_when_should"] is not None else "-",
            v["p50_s"] or -1, v["p95_s"] or -1))
    print("all-slots-right if a redundant age group is accepted:",
          {k: "%.0f%%" % (100 * v["all_slots_right_age_redundant_ok"]) for k, v in summary.items()})
    print("slot accuracy (all):", {k: round(v, 3) for k, v in summary["all"]["slot_accuracy"].items()})
    seen = sorted({s["name"] for r in rows for s in r["interpretation"]})
    json.dump(dict(tag=a.tag, url=a.url, at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), summary=summary,
                   slot_names_seen=seen, rows=rows), open(a.out, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print("slot names seen:", seen, "\nwrote", a.out)


if __name__ == "__main__":
    main()
