"""Mint shopper tokens with the project's own `borderless token --shopper ID --raw` command, run in one
process (runpy) so its imports are paid once. Usage (cwd = the checkout): python tokens.py questions.jsonl tokens.json"""
import contextlib, io, json, os, runpy, sys
sys.path.insert(0, os.getcwd())
QFILE, OUTFILE = sys.argv[1], sys.argv[2]
qs = [json.loads(l) for l in open(QFILE)]
ids = sorted({x['shopper'] for x in qs if x['shopper']})
out = {}
for sid in ids:
    buf = io.StringIO()
    sys.argv = ['borderless', 'token', '--shopper', sid, '--raw']
    with contextlib.redirect_stdout(buf):
        try:
            runpy.run_module('borderless.cli', run_name='__main__', alter_sys=True)
        except SystemExit as e:
            if e.code not in (0, None):
                raise
    out[sid] = buf.getvalue().strip().splitlines()[-1]
json.dump(out, open(OUTFILE, 'w'))
print(len(out), 'tokens')
