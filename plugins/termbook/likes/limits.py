"""Rate limits: a token bucket per key (a browser's id, an IP address), kept in memory.

Each instance of the service limits on its own; behind a load balancer the limit per client is
at most the instances' sum, which is enough to stop a script from inflating a count. Buckets
that are full again carry no information, so they are dropped when the table grows.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

BODY_TIMEOUT = 10
"""Seconds a POST body may take to arrive once its headers have (here, not in the app, so
that the command line reads it without the service's optional dependencies)."""

CLIENT_LIMIT = 30
"""Likes and shares per minute per browser id, by default."""
IP_LIMIT = 120
"""Likes and shares per minute per network address, by default."""
READ_LIMIT = 600
"""Reads per minute per network address, by default: a page view makes one or two."""


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    """At most `per_minute` events per key, in bursts of up to `per_minute` (0: no limit)."""

    def __init__(
        self,
        per_minute: int,
        *,
        max_keys: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Spend one token of `key`: 0.0 if allowed, else the seconds until one is available."""
        if self.capacity <= 0:
            return 0.0
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self.max_keys:
                    self._prune(now)
                bucket = self._buckets[key] = _Bucket(self.capacity, now)
            else:
                bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.stamp) * self.rate)
                bucket.stamp = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate

    def _prune(self, now: float) -> None:
        """Forget full buckets; if every bucket is busy, forget the oldest half."""
        full = [
            key
            for key, b in self._buckets.items()
            if b.tokens + (now - b.stamp) * self.rate >= self.capacity
        ]
        for key in full:
            del self._buckets[key]
        if len(self._buckets) >= self.max_keys:
            oldest = sorted(self._buckets, key=lambda k: self._buckets[k].stamp)
            for key in oldest[: math.ceil(len(oldest) / 2)]:
                del self._buckets[key]
