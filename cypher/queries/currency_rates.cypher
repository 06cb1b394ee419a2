// Every currency with its rate (units per one unit of the base currency) and the rate's date.
MATCH (cur:Currency)
RETURN cur.code AS code, cur.rate AS rate, cur.rate_date AS rate_date
ORDER BY code
