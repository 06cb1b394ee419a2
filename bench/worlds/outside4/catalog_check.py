"""Check products against labelled constraints, using only the catalog files (own work, CC0)."""
import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
def _load(name):
    with open(os.path.join(HERE, "catalog", name + ".jsonl"), encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]
RATES = {r["currency"]: r["rate"] for r in _load("exchange_rates")}
RATES["EUR"] = 1.0
PRODUCTS = {p["id"]: p for p in _load("products")}
SHIPS = {}
for s in _load("shipping"):
    SHIPS.setdefault(s["product_id"], set()).add(s["country"])
def eur(p):
    return p["price"] / RATES[p["currency"]]
def failures(p, lab):
    """List of labelled constraints product p breaks (empty = meets all)."""
    bad = []
    cats = ([lab["category"]] if lab["category"] else []) + lab.get("alt_categories", [])
    if cats and p["category_id"] not in cats: bad.append("category")
    if lab.get("colour") and p.get("colour") != lab["colour"]: bad.append("colour")
    if lab.get("brand") and p["brand_id"] != lab["brand"]: bad.append("brand")
    if lab.get("material") and p.get("material") != lab["material"]: bad.append("material")
    if lab.get("age_group") and p.get("age_group") != lab["age_group"]: bad.append("age_group")
    if lab.get("max_price") is not None:
        limit_eur = lab["max_price"] / RATES[lab["currency"]]
        if eur(p) > limit_eur * 1.005: bad.append("price")
    if lab.get("ship_to") and lab["ship_to"] not in SHIPS.get(p["id"], set()): bad.append("ship_to")
    return bad
def matches(lab, in_stock=True):
    if lab["category"] is None and not any(lab.get(k) for k in ("colour","brand","material")):
        return []
    return [pid for pid, p in PRODUCTS.items()
            if not failures(p, lab) and (not in_stock or p.get("stock", 1) > 0)]
