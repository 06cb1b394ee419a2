// Store each review's sentiment score (-1..1) and label.
UNWIND $rows AS row
MATCH (rv:Review {id: row.id})
SET rv.sentiment = row.sentiment, rv.sentiment_label = row.label
