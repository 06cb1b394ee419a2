import json, urllib.request, sys
def gql(q, v=None):
    req = urllib.request.Request("http://127.0.0.1:8796/graphql", data=json.dumps({"query": q, "variables": v or {}}).encode(),
                                 headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req, timeout=60))
r = gql('{ __schema { queryType { fields { name args { name type { name kind ofType { name kind ofType { name } } } } type { name kind ofType { name } } } } } }')
for f in r["data"]["__schema"]["queryType"]["fields"]:
    if f["name"] == "search":
        print(json.dumps(f, indent=1))
def typ(name):
    r = gql('query($n:String!){ __type(name:$n) { name kind fields { name type { name kind ofType { name kind ofType { name } } } } enumValues { name } inputFields { name } } }', {"n": name})
    return r["data"]["__type"]
for n in sys.argv[1:]:
    print(json.dumps(typ(n)))
