import json, urllib.request, sys
URL = sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:8796/graphql'
def gql(q, v=None):
    req = urllib.request.Request(URL, json.dumps({'query': q, 'variables': v or {}}).encode(), {'Content-Type': 'application/json'})
    return json.load(urllib.request.urlopen(req, timeout=60))
T = '''query($n:String!){ __type(name:$n){ name kind fields { name args { name type { name kind ofType { name kind ofType { name } } } } type { name kind ofType { name kind ofType { name kind ofType { name } } } } } enumValues { name } inputFields { name } } }'''
Q = gql('{ __schema { queryType { fields { name args { name type { name kind ofType { name } } } type { name kind ofType { name } } } } } }')
for f in Q['data']['__schema']['queryType']['fields']:
    if f['name'] == 'search': print(json.dumps(f, indent=1))
def tn(t):
    while t.get('ofType'): t = t['ofType']
    return t['name']
seen = set()
def show(n):
    if n in seen or n is None: return
    seen.add(n)
    d = gql(T, {'n': n})['data']['__type']
    if not d or d['kind'] in ('SCALAR',): return
    print('==', n, d['kind'])
    for f in d.get('fields') or []:
        print('  ', f['name'], tn(f['type']), [a['name'] for a in f['args']])
    if d.get('enumValues'): print('   enum', [e['name'] for e in d['enumValues']])
    for f in d.get('fields') or []:
        if f['name'] in ('products', 'interpretation', 'closeMatches', 'edges', 'node', 'price', 'intent', 'understood', 'facets'): show(tn(f['type']))
show('SearchResult')
