"""Label corrections decided after run 1 (documented in REPORT.md), applied to questions.run1.jsonl -> questions.jsonl.
1. status words: add the feminine/other-gender forms and stems our first list missed (pt 'enviada', 'entregue', 'paga'...).
2. carrier and tracking id are required only for orders that have a `shipped` step (a paid or cancelled parcel has
   no tracking to give; README lists carrier and tracking for order_status, so the strict figure is kept too)."""
import json
from cy import q
EXTRA = {"pt": ["enviad", "entregue", "pag", "cancelad", "devolvid", "alfândega"], "es": ["enviad", "entregad", "pagad", "cancelad", "devuelt"],
         "fr": ["expédi", "livr", "pay", "annul", "retourn"], "de": ["versendet", "versandt", "zugestellt", "bezahlt", "storniert", "zurück"],
         "en": [], "zh": ["已发货", "已送达", "已签收"], "ja": ["発送済", "配達済"]}
out = []
n1 = n2 = 0
for l in open("questions.run1.jsonl"):
    r = json.loads(l)
    if r["intent"] == "order_status" and r["facts"]:
        st = next(f for f in r["facts"] if f["kind"] == "status")
        # only add forms of the same status: pick extra stems that share the first 3 letters with an accepted word
        add = [w for w in EXTRA[r["language"]] if any(w[:3].lower() == a[:3].lower() for a in st["any"])]
        if add:
            st["any"] = sorted(set(st["any"] + add)); n1 += 1
        oid = r["contra"]["order"]
        shipped = q("MATCH (:Order {id:$o})-[:HAD_STATUS]->(e {status:'shipped'}) RETURN count(e) as n", o=oid)[0]["n"]
        if not shipped:
            before = len(r["facts"])
            r["facts"] = [f for f in r["facts"] if f["kind"] != "text"]
            if len(r["facts"]) != before:
                r["note"] = (r["note"] or "") + "never shipped: carrier/tracking not required (v2)"; n2 += 1
    out.append(r)
open("questions.jsonl", "w").write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out))
print("status lists widened", n1, "carrier/tracking dropped", n2)
