"""Markdown tables from results files: python report_tables.py A.json [B.json]"""
import json, sys
def row(g, s):
    f = lambda a, b: f"{a}/{b}" if b else "-"
    return (f"| {g} | {s['n']} | {f(s['intent_ok'], s['n'])} | {f(s['facts_ok'], s['facts_n'])} | {s['contradicting']} | "
            f"{f(s['handoff_ok'], s['handoff_n'])} | {s['unexpected_handoff']} | {s['leaks']} | {s['lang_ok']}/{s['n']} | {s['errors']} | {s['p50_ms']} | {s['p95_ms']} |")
H = "| group | n | intent right | all facts | contradicting | handoff when expected | unexpected handoff | leaks | answer language | errors | p50 ms | p95 ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|"
for path in sys.argv[1:]:
    d = json.load(open(path))
    print(f"\n#### {path} ({d['checkout']}, {d['when']})\n")
    for key, title in [('by_language', 'per language'), ('by_intent', 'per intent (my labels)'), ('by_group', 'per group'), ('total', 'total')]:
        if key not in d: continue
        print(f"\n{title}\n\n{H}")
        for g, s in d[key].items(): print(row(g, s))
if len(sys.argv) == 3:
    a, b = (json.load(open(p)) for p in sys.argv[1:])
    ra = {r['id']: r for r in a['rows']}; rb = {r['id']: r for r in b['rows']}
    def ok(r):
        v = r['v']; return v['intent_ok'] and v['facts_ok'] is not False and not v['contradictions'] and not v['leaks'] and v['handoff_ok'] is not False and v['lang_ok']
    fixed = [i for i in ra if not ok(ra[i]) and ok(rb[i])]; broke = [i for i in ra if ok(ra[i]) and not ok(rb[i])]
    same_text = sum(ra[i]['reply'].get('text') == rb[i]['reply'].get('text') for i in ra)
    print(f"\nfully right (intent, facts, no contradiction, no leak, handoff, language): {sum(map(ok, ra.values()))} -> {sum(map(ok, rb.values()))}; "
          f"fixed {len(fixed)}, broken {len(broke)}; identical answer text {same_text}/{len(ra)}")
    print('fixed:', ' '.join(fixed)); print('broken:', ' '.join(broke))
