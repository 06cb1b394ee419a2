// Which databases does this server offer? (run on the system database; names a wrong NEO4J_DATABASE's alternatives)
SHOW DATABASES YIELD name, type
WHERE type <> 'system'
RETURN DISTINCT name
ORDER BY name
