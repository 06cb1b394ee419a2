import json, urllib.request
def q(s):
    r = urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:8796/graphql", data=json.dumps({"query": s}).encode(), headers={"Content-Type": "application/json"}), timeout=120)
    return json.loads(r.read())
def t(name):
    return q('{ __type(name: "%s") { name kind fields { name description args { name type { name kind ofType { name } } } type { name kind ofType { name kind ofType { name } } } } enumValues { name } inputFields { name } } }' % name)
root = q('{ __schema { queryType { fields { name args { name type { name kind ofType { name } } } type { name ofType { name } } } } } }')
for f in root["data"]["__schema"]["queryType"]["fields"]:
    if f["name"] == "search":
        print(json.dumps(f, indent=0))
import sys
for n in sys.argv[1:]:
    print(json.dumps(t(n), indent=0, ensure_ascii=False)[:6000])
