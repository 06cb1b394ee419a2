// Set each currency's exchange rate: units of that currency per one unit of the base currency.
UNWIND $rows AS row
MERGE (cur:Currency {code: row.currency})
SET cur.rate = row.rate, cur.rate_date = row.date
RETURN row.key AS key
