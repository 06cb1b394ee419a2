"""Online experiments: definitions, deterministic assignment, attribution and analysis, reports.

Nothing here opens a Neo4j session: ``store`` reads and writes through ``graph.driver`` (CLI)
and the API calls the same named statements through its ``GraphSession``; ``analysis`` and
``report`` work on the rows those statements return.
"""
