// A destination's duty, VAT, duty-free threshold and delivery promise, and the rate of $currency.
// :param country => 'DE';
// :param currency => 'EUR';
MATCH (c:Country {code: $country})
OPTIONAL MATCH (cur:Currency {code: $currency})
RETURN c.code AS country, c.name AS country_name, c.duty_percent AS duty_percent, c.vat_percent AS vat_percent,
       c.de_minimis AS de_minimis, c.promise_min_days AS min_days,
       c.promise_max_days AS max_days, c.promise_carrier AS carrier, cur.rate AS rate
