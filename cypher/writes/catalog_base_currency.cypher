// The base currency converts to itself at 1; every price is stored in it.
MERGE (cur:Currency {code: $code})
SET cur.rate = 1.0, cur.base = true
