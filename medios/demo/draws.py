"""Seeded weighted draws the demonstration generator is built from."""

from __future__ import annotations

import bisect
import itertools
import math
import random
import uuid
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


# --------------------------------------------------------------------------- weighted draws


class Pick(Generic[T]):
    """A weighted draw: one ``random()`` and a bisection, the cheapest form for the hot loop."""

    __slots__ = ("items", "_cum", "_total")

    def __init__(self, weighted: Iterable[tuple[T, float]]) -> None:
        pairs = list(weighted)
        self.items: list[T] = [item for item, _ in pairs]
        self._cum = list(itertools.accumulate(weight for _, weight in pairs))
        self._total = self._cum[-1]

    def __call__(self, rng: random.Random) -> T:
        return self.items[bisect.bisect_right(self._cum, rng.random() * self._total)]


def pick_of(weights: str) -> Pick[str]:
    """Codes and weights written ``"CONF=28 VTEC=18"``: compact tables, each code checked at start."""
    return Pick((code, float(weight)) for code, _, weight in (item.partition("=") for item in weights.split()))


def minutes_of(text: str) -> int:
    """Minutes after midnight of ``"HH:MM"``."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def time_ranges(*spans: tuple[str, str, float]) -> Pick[tuple[int, int]]:
    return Pick(((minutes_of(lo), minutes_of(hi)), weight) for lo, hi, weight in spans)


def poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method; ``mean`` stays small here (a day of one mediator)."""
    if mean <= 0:
        return 0
    if mean > 50:  # large structures: the normal approximation avoids a long loop and underflow
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def draw_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)
