"""Doing something often, but at most once an interval: progress, redraws, saves."""

from __future__ import annotations

import math
import time
from collections.abc import Callable


class Throttle:
    """Says yes at most once every ``interval_s`` seconds.

    Attributes:
        interval_s: the least time between two yeses.
    """

    def __init__(
        self,
        interval_s: float,
        clock: Callable[[], float] = time.monotonic,
        *,
        wait_first: bool = False,
    ) -> None:
        """Measure time with *clock* (seconds). The first ``due`` says yes, or with
        *wait_first* the first yes comes an interval after now (a save that has just been
        made)."""
        self.interval_s = interval_s
        self._clock = clock
        self._last = clock() if wait_first else -math.inf

    def due(self, now: float | None = None) -> bool:
        """Whether ``interval_s`` has passed since the last yes; a yes starts the next
        interval.

        *now* is the clock's reading, for a caller that has read it already for figures of
        its own (a speed, a rate), so that its figures and the throttle agree.
        """
        if now is None:
            now = self._clock()
        if now - self._last < self.interval_s:
            return False
        self._last = now
        return True
