"""Markdown tables from results files: tables.py LABEL=results.json ..."""
import json, sys
cols = [("n", "n"), ("intent_pct", "intent %"), ("facts_all_pct", "all facts %"), ("facts_n", "with facts"), ("facts_wo_wording_pct", "facts % (no status/payer words)"),
        ("contradicting", "contradicting"), ("handoff_pct", "handoff %"), ("handoff_n", "handoff n"), ("leaks", "leaks"),
        ("answer_lang_pct", "answer lang %"), ("errors", "errors"), ("p50_ms", "p50 ms"), ("p95_ms", "p95 ms")]
for arg in sys.argv[1:]:
    label, path = arg.split("=", 1)
    R = json.load(open(path))
    for title, d in (("per language", {**R["by_language"], "ALL": R["total"]}), ("per intent (our label)", R["by_intent"])):
        print(f"\n**{label}, {title}**\n")
        print("| | " + " | ".join(c[1] for c in cols) + " |")
        print("|---" * (len(cols) + 1) + "|")
        for k, v in d.items():
            print(f"| {k} | " + " | ".join("" if v[c[0]] is None else str(v[c[0]]) for c in cols) + " |")
