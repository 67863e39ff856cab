"""Weighted choices with the cumulative weights worked out once (random.choices redoes them on every call)."""

from bisect import bisect
from collections.abc import Iterable, Mapping
from itertools import accumulate
from random import Random


class Pick:
    __slots__ = ("items", "cum", "total")

    def __init__(self, items: Iterable, weights: Iterable[float]):
        self.items = tuple(items)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]
        if len(self.cum) != len(self.items) or self.total <= 0:
            raise ValueError("Pick needs one positive weight per item")

    @classmethod
    def of(cls, weights: Mapping) -> "Pick":
        return cls(weights.keys(), weights.values())

    def __call__(self, rng: Random):
        """The same draw as rng.choices(items, cum_weights=cum)[0]."""
        return self.items[bisect(self.cum, rng.random() * self.total)]
