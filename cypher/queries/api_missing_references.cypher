// Which of the given product, brand, category and country ids are not in the catalog (a mutation's NOT_FOUND userErrors, all at once).
// :param products => ['demo-product-0', 'no-such-product'];
// :param brands => ['demo-brand-0'];
// :param categories => ['gpt:187'];
// :param countries => ['DE', 'ZZ'];
RETURN [id IN $products WHERE NOT EXISTS { MATCH (:Product {id: id}) }] AS products,
       [id IN $brands WHERE NOT EXISTS { MATCH (:Brand {id: id}) }] AS brands,
       [id IN $categories WHERE NOT EXISTS { MATCH (:Category {id: id}) }] AS categories,
       [code IN $countries WHERE NOT EXISTS { MATCH (:Country {code: code}) }] AS countries
