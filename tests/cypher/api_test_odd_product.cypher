// A product whose rating is not a number, as a broken import might leave: the API must mask the failure.
MERGE (p:Product {id: $id})
SET p.price = 1.0, p.title_en = 'Odd product', p.avg_rating = 'not a number'
