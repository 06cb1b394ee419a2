"""Language tools shared by loaders and the API: text embedders, LLM backends, review sentiment.

Nothing here imports ``api``, ``gnn`` or ``loaders``; models load lazily, never at import time.
"""
