"""Borderless: a knowledge-graph service for cross-border e-commerce.

This package holds what every layer shares: settings, the error tree and the command line.
The layers themselves live in the top-level packages ``graph``, ``loaders``, ``gnn`` and ``api``.
"""

__version__ = "0.1.0"
