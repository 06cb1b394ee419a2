// Give a currency a rate (creating it if absent), or remove it again when $rate is null.
MERGE (cur:Currency {code: $code})
SET cur.rate = $rate
WITH cur WHERE $rate IS NULL
DETACH DELETE cur
