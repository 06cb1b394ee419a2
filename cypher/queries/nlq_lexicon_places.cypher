// Countries and currencies known to the graph, with each currency's rate to the base currency.
CALL () { MATCH (c:Country) RETURN collect({code: c.code, name: c.name}) AS countries }
CALL () { MATCH (cur:Currency) WHERE cur.rate IS NOT NULL
          RETURN collect({code: cur.code, rate: cur.rate}) AS currencies }
RETURN countries, currencies
