// The return policies, duty and delivery promise loaded for one country.
MATCH (c:Country {code: $code})
CALL (c) {
  OPTIONAL MATCH (r:ReturnPolicy)-[:APPLIES_IN]->(c)
  OPTIONAL MATCH (r)-[:APPLIES_TO]->(cat:Category)
  WITH r, cat ORDER BY r.id
  RETURN collect({id: r.id, category: cat.id, window_days: r.window_days, paid_by: r.paid_by,
                  exceptions: r.exceptions}) AS returns
}
RETURN c.vat_percent AS vat_percent, c.duty_percent AS duty_percent, c.de_minimis AS de_minimis,
       c.duty_text_de AS duty_text_de, c.promise_min_days AS min_days,
       c.promise_max_days AS max_days, returns
