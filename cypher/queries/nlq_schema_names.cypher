// Every label, relationship type and property key in the database, the keys each label and type carries, and which labels each type links: what LLM-written Cypher may name, and where.
CALL () { CALL db.labels() YIELD label RETURN collect(label) AS labels }
CALL () { CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType) AS types }
CALL () { CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey) AS properties }
CALL () { CALL db.schema.nodeTypeProperties() YIELD nodeLabels, propertyName
          UNWIND nodeLabels AS label
          WITH label, collect(DISTINCT propertyName) AS keys
          RETURN collect({label: label, properties: keys}) AS label_properties }
CALL () { CALL db.schema.relTypeProperties() YIELD relType, propertyName
          // relType reads ":`INTERACTED`"
          WITH substring(relType, 2, size(relType) - 3) AS type, collect(DISTINCT propertyName) AS keys
          RETURN collect({type: type, properties: keys}) AS type_properties }
// One relationship of each type tells which labels it links (a type scan stopped at the first).
CALL () { CALL db.relationshipTypes() YIELD relationshipType AS type
          CALL (type) { MATCH (a)-[:$(type)]->(b) RETURN labels(a)[0] AS start, labels(b)[0] AS end LIMIT 1 }
          RETURN collect({start: start, type: type, end: end}) AS links }
RETURN labels, types, properties, label_properties, type_properties, links
