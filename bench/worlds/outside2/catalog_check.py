"""Judge products against a label using only this world's own catalog files (own work, CC0)."""
import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
CAT = os.path.join(HERE, "catalog")

def _rows(name):
    with open(os.path.join(CAT, f"{name}.jsonl"), encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]

RATES = {"EUR": 1.0, **{r["currency"]: r["rate"] for r in _rows("exchange_rates")}}
PRODUCTS = {p["id"]: p for p in _rows("products")}
SHIPS = {}
for s in _rows("shipping"):
    SHIPS.setdefault(s["product_id"], set()).add(s["country"])
for r in _rows("restrictions"):
    SHIPS.get(r["product_id"], set()).discard(r["country"])
SHOP_CATEGORIES = {p["category_id"] for p in PRODUCTS.values()}

def price_eur(p):
    return p["price"] / RATES[p["currency"]]

def failures(pid, label):
    """The labelled constraints product pid breaks (empty list: it meets them all)."""
    p = PRODUCTS.get(pid)
    if p is None:
        return ["not in catalog"]
    bad = []
    if label.get("no_match"):
        bad.append("query has no honest match")
    if label.get("category") and p["category_id"] != label["category"]:
        bad.append(f"category {p['category_id']}")
    if label.get("colour") and p.get("colour") != label["colour"]:
        bad.append(f"colour {p.get('colour')}")
    if label.get("brand") and p["brand_id"] != label["brand"]:
        bad.append(f"brand {p['brand_id']}")
    if label.get("max_price") is not None:
        cap_eur = label["max_price"] / RATES[label["currency"]]
        if price_eur(p) > cap_eur * 1.0001:
            bad.append(f"price {price_eur(p) * RATES[label['currency']]:.2f} {label['currency']}")
    if label.get("ship_to") and label["ship_to"] not in SHIPS.get(pid, set()):
        bad.append(f"does not ship to {label['ship_to']}")
    return bad

def matching(label):
    lab = dict(label, no_match=False)
    return [pid for pid in PRODUCTS if not failures(pid, lab)]
