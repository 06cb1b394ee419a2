import json, sys, collections
d = json.load(open(sys.argv[1], encoding="utf-8"))
c = collections.defaultdict(lambda: [0, 0])
for r in d["rows"]:
    k = r["label"]["cls"]; c[k][0] += r["all_slots_right"]; c[k][1] += 1
for k, (a, n) in sorted(c.items()): print(f"{k:12} {a}/{n}")
slot = collections.Counter(w[0] for r in d["rows"] for w in r["slots_wrong"])
print("wrong slots:", dict(slot))
print("backends:", collections.Counter(r.get("backend") for r in d["rows"]))
