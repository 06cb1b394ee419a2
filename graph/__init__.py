"""Everything that talks to Neo4j: the managed server, the driver, named Cypher, the schema.

``graph`` imports nothing from the layers above it (loaders, gnn, api).
"""
