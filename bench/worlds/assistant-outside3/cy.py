import sys, json
from neo4j import GraphDatabase
pw = open('/work/eval13c/state/neo4j/password').read().strip()
drv = GraphDatabase.driver('bolt://127.0.0.1:7797', auth=('neo4j', pw))
def q(cypher_text, **p):
    with drv.session() as s:
        return [r.data() for r in s.run(cypher_text, **p)]
if __name__ == '__main__':
    for r in q(sys.argv[1]): print(json.dumps(r, default=str, ensure_ascii=False))
