// Which of the given words are product ids (grounds a product named in a question).
// :param candidates => ['demo-product-1', 'hello'];
UNWIND $candidates AS candidate
MATCH (p:Product {id: candidate})
RETURN p.id AS id
