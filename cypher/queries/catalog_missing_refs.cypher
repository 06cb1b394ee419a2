// Which of the given ids do not exist: explains why a loaded row was refused.
RETURN
  [id IN $brand_ids WHERE NOT EXISTS { MATCH (:Brand {id: id}) }] AS brand_id,
  [id IN $category_ids WHERE NOT EXISTS { MATCH (:Category {id: id}) }] AS category_id,
  [id IN $product_ids WHERE NOT EXISTS { MATCH (:Product {id: id}) }] AS product_id,
  [id IN $shopper_ids WHERE NOT EXISTS { MATCH (:Shopper {id: id}) }] AS shopper_id,
  [id IN $order_ids WHERE NOT EXISTS { MATCH (:Order {id: id}) }] AS order_id,
  [code IN $countries WHERE NOT EXISTS { MATCH (:Country {code: code}) }] AS country,
  [code IN $currencies WHERE NOT EXISTS { MATCH (:Currency {code: code}) }] AS currency
