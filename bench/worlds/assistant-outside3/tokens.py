"""Make one shopper token per shopper in questions.jsonl with `borderless token --shopper ID --raw`
(run from the checkout given as argv[1], same env), cached in tokens.json."""
import json, subprocess, sys, os
from concurrent.futures import ThreadPoolExecutor
co = sys.argv[1]
path = '/work/eval13c/tokens.json'
tok = json.load(open(path)) if os.path.exists(path) and '--fresh' not in sys.argv else {}
ids = sorted({json.loads(l)['shopper'] for l in open('/work/eval13c/questions.jsonl')} - {None} - set(tok))
def one(i):
    r = subprocess.run(['/work/main/.venv/bin/python', '-m', 'borderless.cli', 'token', '--shopper', i, '--raw'],
                       cwd=co, capture_output=True, text=True, check=True)
    return i, r.stdout.strip()
with ThreadPoolExecutor(3) as ex:
    for i, t in ex.map(one, ids):
        tok[i] = t
json.dump(tok, open(path, 'w'))
print(len(tok), 'tokens')
