"""Compare results files: per-language table side by side, per-class all-slots-right, changed queries. Own work, CC0."""
import json, sys, collections
files = sys.argv[1:]
R = [json.load(open(f, encoding='utf-8')) for f in files]
def f(v, pct=True):
    return '-' if v is None else ('%.0f%%' % (100 * v) if pct else '%.2f' % v)
print('lang | ' + ' | '.join('%s: all-slots / precision / no-match ok / found / p50 s / p95 s' % r['tag'] for r in R))
for lang in ['en', 'de', 'es', 'fr', 'pt', 'zh', 'ja', 'all']:
    cells = []
    for r in R:
        s = r['summary'][lang]
        cells.append('%s / %s / %s / %s / %s / %s' % (f(s['all_slots_right']), f(s['precision']), f(s['nomatch_correct']),
                     f(s['found_when_should']), f(s['p50_s'], False), f(s['p95_s'], False)))
    print('%-4s | %s' % (lang, ' | '.join(cells)))
print()
for r in R:
    by = collections.defaultdict(list)
    for row in r['rows']: by[row['cls']].append(row['all_slots_right'])
    print(r['tag'], 'all-slots-right by class:', {k: '%d/%d' % (sum(v), len(v)) for k, v in sorted(by.items())})
    sl = r['summary']['all']['slot_accuracy']
    print('   slot accuracy:', {k: '%.0f%%' % (100 * v) for k, v in sl.items()})
if len(R) == 2:
    a, b = ({x['id']: x for x in r['rows']} for r in R)
    print('\nchanged (all-slots-right or returned-correct):')
    for i in a:
        x, y = a[i], b[i]
        if x['all_slots_right'] != y['all_slots_right'] or len(x['returned_ok']) != len(y['returned_ok']) or len(x['returned']) != len(y['returned']):
            print(' %-6s %-45s %s %2d/%2d -> %s %2d/%2d' % (i, x['query'][:45], 'OK ' if x['all_slots_right'] else 'bad',
                  len(x['returned_ok']), len(x['returned']), 'OK ' if y['all_slots_right'] else 'bad', len(y['returned_ok']), len(y['returned'])))
