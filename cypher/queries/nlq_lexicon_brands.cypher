// Every brand with its name and aliases: the words the search parser recognises as brands.
MATCH (b:Brand)
RETURN b.id AS id, b.name AS name, coalesce(b.aliases, []) AS aliases
