"""How long an indexing run has left, told only once it means something.

A byte of one kind of file costs nothing like a byte of another: a PDF's bytes are mostly
fonts and pictures, a text file's are all text to embed. The time a kind takes per byte is
learnt from the files of that kind read in this run, and no estimate is given while a kind
still to be read has not been seen. The first step of a run is not learnt from: it bears the
loading of the embedding model's first batch (about a second), which taken for the cost of a
small first file made a 44-second run start at "about 657 s left".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

MIN_SECONDS = 3.0
"""No estimate before the run has read for this long: the first steps say too little."""


class TimeLeft:
    """The seconds an indexing run has left, from the files it still has to read."""

    def __init__(self, files: Iterable[tuple[str, int]], clock: Callable[[], float]) -> None:
        """*files*: the kind (its suffix) and size of each file to read."""
        self._clock = clock
        self._started = clock()
        self._left: defaultdict[str, float] = defaultdict(float)
        for kind, size in files:
            self._left[kind] += size
        self._spent: defaultdict[str, float] = defaultdict(float)
        self._read: defaultdict[str, float] = defaultdict(float)
        self._last: float | None = None

    def advance(self, kind: str, size: float, learn: bool = True) -> None:
        """*size* more bytes of a file of *kind* are done; with *learn*, the time since the
        last step is what they took (not for a file that failed: a refusal is quick)."""
        now = self._clock()
        self._left[kind] -= size
        if learn and self._last is not None and size > 0:
            self._spent[kind] += now - self._last
            self._read[kind] += size
        self._last = now

    def seconds(self) -> float | None:
        """The seconds left, or None until it can be told."""
        if self._clock() - self._started < MIN_SECONDS:
            return None
        total = 0.0
        for kind, left in self._left.items():
            if left <= 0:
                continue
            if self._read[kind] <= 0:
                return None
            total += left * self._spent[kind] / self._read[kind]
        return total
