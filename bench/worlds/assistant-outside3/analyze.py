"""Print failures of a results file grouped by class (for the report)."""
import json, sys
from collections import defaultdict, Counter
R = json.load(open(sys.argv[1]))
rows = R["rows"]
cls = defaultdict(list)
for r in rows:
    if r["error"]: cls["error"].append(r); continue
    if not r["intent_ok"]: cls[f"intent {r['intent_label']}->{r['intent']}"].append(r)
    if r["facts_ok"] is False:
        miss = [f["fact"].get("what") or f["fact"]["kind"] for f in r["facts"] if not f["ok"]]
        cls["facts missing: " + ",".join(miss) + f" [{r['intent_label']}]"].append(r)
    if r["contradictions"]: cls["contradiction"].append(r)
    if r["handoff_ok"] is False: cls[f"handoff [{r['intent_label']}] got {r['handoff']}"].append(r)
    if r["leaks"]: cls["LEAK"].append(r)
    if r.get("lang_ok") is False: cls[f"answer language {r['language']}->{r.get('answer_language')}"].append(r)
for k, v in sorted(cls.items(), key=lambda kv: -len(kv[1])):
    print(f"\n== {k}: {len(v)}  langs {dict(Counter(r['language'] for r in v))}")
    for r in v[:int(sys.argv[2]) if len(sys.argv) > 2 else 3]:
        print(f"  {r['id']} Q: {r['text']}\n     A[{r.get('intent')},{r.get('handoff')}]: {(r.get('answer') or r['error'] or '')[:400]}")
        if r["contradictions"]: print("     contra:", r["contradictions"])
        if r.get("facts"): print("     facts:", [(f['fact'].get('value') or f['fact'].get('any'), f['ok']) for f in r['facts']])
