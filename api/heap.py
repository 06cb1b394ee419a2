"""Keeping Python's garbage collector off the objects that live as long as the server.

A serving process holds a few hundred thousand long-lived objects (the schema, graphql-core's
and Strawberry's types, the driver, the search models once loaded), and every page makes
thousands of short-lived ones. With Python's defaults the collector ran several times per
product page and kept walking the long-lived objects: 0.6 ms of a 3.7 ms uncached page
(bench/RESULTS.md, h46). After start-up (and again once the search models are loaded) the
objects alive are collected once and frozen (:func:`gc.freeze`: later collections skip them),
and the youngest generation is collected less often. Garbage is still collected: cycles made
while serving go through the usual generations.
"""

from __future__ import annotations

import gc

# New container objects between two collections of the youngest generation (Python: 700). A
# product page makes thousands; collecting every few hundred cost more than the objects it freed.
YOUNG_THRESHOLD = 10_000


def settle() -> None:
    """Collect once, freeze every object alive now, and collect the young generation less often."""
    gc.collect()
    gc.freeze()
    young, middle, old = gc.get_threshold()
    if young < YOUNG_THRESHOLD:
        gc.set_threshold(YOUNG_THRESHOLD, middle, old)
