// Record the delivery promise into each country: days after payment, and the carrier.
UNWIND $rows AS row
MATCH (c:Country {code: row.country})
SET c.promise_min_days = row.min_days, c.promise_max_days = row.max_days,
    c.promise_carrier = row.carrier
RETURN row.key AS key
