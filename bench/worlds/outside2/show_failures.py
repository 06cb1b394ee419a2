"""Print each query that is not all-slots-right or returned imprecise/padded products (own work, CC0)."""
import json, sys
import catalog_check as cc
d = json.load(open(sys.argv[1], encoding="utf-8"))
for r in d["rows"]:
    lab = r["label"]
    bad_p = len(r["product_failures"])
    if r["all_slots_right"] and not bad_p and r["no_match_correct"]:
        continue
    chips = ", ".join(f"{i['name']}={i.get('groundedId') or i['value']}" for i in r["interpretation"] if i["name"] != "keyword")
    kws = " ".join(i["value"] for i in r["interpretation"] if i["name"] == "keyword")
    cats = {}
    for pid in r["products"]:
        c = cc.PRODUCTS[pid]["category_id"] if pid in cc.PRODUCTS else "?"
        cats[c] = cats.get(c, 0) + 1
    want = {k: lab[k] for k in ["category", "colour", "brand", "max_price", "currency", "ship_to", "recipient"] if lab.get(k)}
    if lab["no_match"]:
        want["no_match"] = True
    print(f"[{r['lang']}] {lab['cls']:10} {r['query']!r}\n    label: {want}\n    understood: {chips} | kw: {kws}\n"
          f"    returned {len(r['products'])} (bad {bad_p}) by category {cats}; close groups {[c['relaxed'] for c in r['closeMatches']]}\n"
          f"    wrong: {r['slots_wrong']}")
