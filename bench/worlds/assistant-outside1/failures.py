"""Print failing rows of a results file: python failures.py results_base3.json [intent]"""
import json, sys
d = json.load(open(sys.argv[1]))
want = sys.argv[2] if len(sys.argv) > 2 else None
for r in d['rows']:
    v = r['v']
    bad = (not v['intent_ok']) or v['facts_ok'] is False or v['contradictions'] or v['leaks'] or v['handoff_ok'] is False or v['unexpected_handoff'] or not v['lang_ok'] or r['error']
    if bad and (not want or r['intent'] == want):
        rp = r['reply']
        print(f"--- {r['id']} [{r['intent']}] shopper={r['shopper']} :: {r['text']}")
        print(f"    API intent={rp.get('intent')} lang={rp.get('language')} handoff={rp.get('handoff')} ticket={bool(rp.get('ticketId'))} cites={rp.get('citations')}")
        print(f"    text: {(rp.get('text') or '')[:400]!r}")
        print(f"    miss={v['facts_miss']} soft_miss={v['soft_miss']} contra={v['contradictions']} leaks={v['leaks']} err={r['error']}")
