// The graph's shape for a language model's prompt: each label's property keys, and which labels each relationship type links.
CALL () { CALL db.schema.nodeTypeProperties() YIELD nodeLabels, propertyName
          WITH nodeLabels[0] AS label, collect(DISTINCT propertyName) AS properties
          WHERE label IS NOT NULL RETURN collect({label: label, properties: properties}) AS nodes }
CALL () { CALL db.schema.visualization() YIELD relationships
          UNWIND relationships AS r
          RETURN collect(DISTINCT {start: startNode(r).name, type: type(r), end: endNode(r).name}) AS links }
RETURN nodes, links
