"""Bringing data into the graph: the documented catalog format, the shared taxonomy and Gowalla
benchmark, and the demo shop generator. Bad rows are quarantined, never dropped silently."""
