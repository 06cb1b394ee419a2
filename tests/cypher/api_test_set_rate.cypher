// Set a currency's exchange rate as a loader would (the API cache tests' write from outside the API).
MATCH (cur:Currency {code: $code})
SET cur.rate = $rate
