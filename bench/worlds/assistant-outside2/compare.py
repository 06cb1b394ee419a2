"""Print the per-language and per-intent tables of one or more results files side by side (markdown)."""
import json, sys
runs = [(p, json.load(open(p))) for p in sys.argv[1:]]
def pc(v):
    return '-' if v is None else f'{100 * v:.1f}%'
for key, title in (('overall', 'overall'), ('by_language', 'per language'), ('by_intent', 'per intent')):
    print(f'\n### {title}\n')
    print('| group | run | n | intent | intent* | facts all (n) | facts* | contradicting | handoff ok (n) | unexpected handoff | leaks | answer language | errors | p50 ms | p95 ms |')
    print('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    groups = runs[0][1][key].keys() if key != 'overall' else ['all']
    for g in groups:
        for p, d in runs:
            s = d['overall'] if key == 'overall' else d[key].get(g)
            if not s:
                continue
            print(f"| {g} | {d['label'] or p} | {s['n']} | {pc(s['intent'])} | {pc(s['intent_lenient'])} | {pc(s['facts'])} ({s['facts_n']}) | {pc(s['facts_lenient'])} | "
                  f"{s['contradicting']} | {pc(s['handoff'])} ({s['handoff_n']}) | {s['unexpected_handoff']} | {s['leaks']} | {pc(s['language'])} | {s['errors']} | {s['p50_ms']} | {s['p95_ms']} |")
if len(runs) == 2:
    a = {r['id']: r for r in runs[0][1]['questions']}
    b = {r['id']: r for r in runs[1][1]['questions']}
    def ok(r):
        c = r['check']
        return c['intent_ok'] and (c['facts_ok'] or not c['has_facts']) and not c['contradictions'] and c['handoff_ok'] is not False and not c['leaks'] and not r.get('error')
    fixed = [i for i in a if i in b and not ok(a[i]) and ok(b[i])]
    broke = [i for i in a if i in b and ok(a[i]) and not ok(b[i])]
    print(f'\nquestions wrong in the first run and right in the second: {len(fixed)}: {" ".join(fixed)}')
    print(f'questions right in the first run and wrong in the second: {len(broke)}: {" ".join(broke)}')
