// How many times each of these event ids is stored: INTERACTED relationships plus Impression nodes (exactly once means 1).
UNWIND $ids AS id
RETURN id, COUNT { ()-[r:INTERACTED {id: id}]->() } + COUNT { (i:Impression {id: id}) } AS stored
