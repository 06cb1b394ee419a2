"""Per-class summary and run comparison for eval10d results (own work, CC0).
Usage: python3 analyze.py results_A.json [results_B.json]"""
import json, sys, collections
runs = [json.load(open(p, encoding="utf-8")) for p in sys.argv[1:]]
for d in runs:
    print("==", d["tag"], d["at"], "load", [round(x, 1) for x in d["loadavg"]])
    by = collections.defaultdict(list)
    for r in d["queries"]:
        by[r["cls"]].append(r)
    for c, rs in sorted(by.items()):
        ret = sum(len(r["returned"]) for r in rs); good = sum(r["good"] for r in rs)
        print(f"  {c:14} n={len(rs):3} allslots={sum(r['all_slots_right'] for r in rs)/len(rs):.2f} "
              f"prec={good/ret if ret else float('nan'):.2f} empty_but_exists={sum(r['empty'] and not r['label_no_match'] for r in rs)}")
if len(runs) == 2:
    a = {r["id"]: r for r in runs[0]["queries"]}; b = {r["id"]: r for r in runs[1]["queries"]}
    print("== changed all-slots-right / emptiness")
    for k in a:
        if a[k]["all_slots_right"] != b[k]["all_slots_right"] or a[k]["empty"] != b[k]["empty"] or a[k]["good"] != b[k]["good"] or len(a[k]["returned"]) != len(b[k]["returned"]):
            print(f"  {k} {a[k]['language']} {a[k]['query']!r}: slots {a[k]['all_slots_right']}->{b[k]['all_slots_right']} "
                  f"ret/good {len(a[k]['returned'])}/{a[k]['good']} -> {len(b[k]['returned'])}/{b[k]['good']}")
            print(f"      A: {[(x[0], x[1]) for x in a[k]['interpretation'] if x[0] != 'keyword']}")
            print(f"      B: {[(x[0], x[1]) for x in b[k]['interpretation'] if x[0] != 'keyword']}")
