// Every currency's rate, date and base flag: what a test world must leave as it found it.
MATCH (cur:Currency)
RETURN cur.code AS code, cur.rate AS rate, cur.rate_date AS rate_date, cur.base AS base
ORDER BY code
