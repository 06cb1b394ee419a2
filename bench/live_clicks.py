"""Click models of the simulated shoppers (``bench/live.py``), and what a list is worth under each.

The demo world made every interaction the offline evaluation holds out with one rule
(``loaders.demo_shoppers.DemoShoppers._pick``): 80% of the time the shopper picks one of their
preferred kinds and draws products of it until one appeals (accepted with probability
``affinity^2``), 20% of the time any product that ships to them. So the probability that a
shopper's next interaction is product ``p`` is, for ``p`` that ships to them,

    P_next(p) = 0.8 * share of p's kind among their kinds * affinity(p)^2 / Z_kind + 0.2 / N_ships

and a list's expected Recall (what offline Recall@K estimates) is the sum of P_next over it.

* ``cubed`` (the simulator until 2026-12-06): an examined product is clicked with probability
  ``affinity^3``. It rewards a good match far more steeply than the world ever chose by, and
  gives an off-kind product (affinity 0.1-0.6) a real chance, which the world gives only by
  exploring: online and offline then measure different things.
* ``world``: an examined product is clicked with probability ``min(1, CLICK_SCALE * P_next(p))``:
  the shopper clicks what they would have gone on to interact with, so online clicks measure
  what offline Recall measures (up to the position bias and the list's length).
"""

from __future__ import annotations

from loaders.demo_shoppers import EXPLORE, DemoShoppers, Shopper

CLICK_MODELS = ("world", "cubed")
# Scales P_next (about 0.001 to 0.3 in the 300-product shop) into click probabilities with
# roughly the click-through the cubed model gave popularity lists (about 8% of shoppers).
CLICK_SCALE = 1.5


def examined(position: int) -> float:
    """Position bias: the chance the shopper looks at the item at ``position`` (1-based)."""
    return 1 / (1 + 0.3 * (position - 1))


class Tastes:
    """A shopper's next-interaction probabilities, from the demo world's own rule."""

    def __init__(self, shoppers: DemoShoppers) -> None:
        self.shoppers = shoppers
        self.skeleton = shoppers.catalog.skeleton
        self._cache: dict[int, dict[int, float]] = {}

    def next_probability(self, shopper: Shopper, product: int) -> float:
        """P_next(product) for ``shopper`` (0 for a product that does not ship to them)."""
        table = self._cache.get(shopper.index)
        if table is None:
            table = self._cache[shopper.index] = self._table(shopper)
        return table.get(product, 0.0)

    def _table(self, s: Shopper) -> dict[int, float]:
        sk, bit = self.skeleton, 1 << s.country
        shipping = [p for p in range(len(sk.kind)) if sk.ships[p] & bit]
        if not shipping:
            return {}
        explore = EXPLORE
        table = dict.fromkeys(shipping, 0.0)
        for kind in set(s.kinds):
            share = (1 - EXPLORE) * s.kinds.count(kind) / len(s.kinds)
            pool = [p for p in sk.by_kind[kind] if sk.ships[p] & bit]
            if not pool:  # nothing of that kind ships there: the world explores instead
                explore += share
                continue
            weights = {p: self.shoppers.affinity(s, p) ** 2 for p in pool}
            total = sum(weights.values())
            for p, w in weights.items():
                table[p] += share * w / total
        for p in shipping:
            table[p] += explore / len(shipping)
        return table


def click_probability(model: str, affinity: float, next_probability: float) -> float:
    """The chance an examined product is clicked under ``model`` (see the module docstring)."""
    if model == "cubed":
        return affinity ** 3
    return min(1.0, CLICK_SCALE * next_probability)
