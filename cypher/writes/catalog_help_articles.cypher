// Record short help articles (topic, title and text per language).
UNWIND $rows AS row
MERGE (a:HelpArticle {id: row.key})
SET a += row.props
RETURN row.key AS key
