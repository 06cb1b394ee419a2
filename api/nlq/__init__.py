"""Shoppers' own words: query understanding, grounding in the graph, search, and guarded ``ask``.

``search.search_products`` is what the GraphQL ``search`` field calls; ``ask.ask`` serves catalog
managers. Model backends and text embedders live in the top-level ``language`` package.
"""
