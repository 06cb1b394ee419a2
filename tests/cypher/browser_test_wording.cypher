// A machine-written wording of category $category in $lang, waiting for review (browser test of the enrichment review query).
MATCH (c:Category {id: $category})
MERGE (w:Wording {id: $category + '|' + $lang})
SET w.lang = $lang, w.source = 'machine', w.name = $wording, w.words = $words, w.model = 'test-model',
    w.at = '2026-12-06T00:00:00Z'
MERGE (w)-[:WORDS_FOR]->(c)
