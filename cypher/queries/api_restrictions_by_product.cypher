// The countries these products may not be sold into, and why (English, and per language where the catalog gives it), by product id.
// :param ids => ['demo-product-0'];
UNWIND $ids AS id
MATCH (:Product {id: id})-[r:RESTRICTED_IN]->(c:Country)
WITH id, r, c ORDER BY c.code
RETURN id, collect({country: c.code, country_name: c.name, reason: r.reason,
                    reasons: r {.reason_de, .reason_es, .reason_fr, .reason_pt, .reason_zh,
                                .reason_ja}}) AS rows
