"""One word for how a model would do on this computer: whether it fits the memory and how
fast it would write, combined, so that the two never say different things.

The worse of the two decides: a model that fits well but writes a word a second is slow
here, not "runs well"; one too big for the memory won't fit, however fast it would be.
"""

from __future__ import annotations

from enum import Enum

from desktop.core.modelfile.fit import Verdict
from desktop.core.modelfile.speed import Pace, SpeedEstimate


class Outlook(Enum):
    """How a model would do here, best first."""

    RUNS_WELL = "runs_well"
    """It fits with room to spare and writes at least as fast as people read."""
    SLOW = "slow"
    """It fits, and writes slower than reading, but can be followed."""
    TIGHT = "tight"
    """It fits tightly: it may slow the computer down or fail to load."""
    TOO_SLOW = "too_slow"
    """It fits, but writes so slowly that the user waits for each word."""
    WONT_FIT = "wont_fit"
    """It does not fit the memory free."""


def outlook(fit: Verdict, speed: SpeedEstimate | None) -> Outlook:
    """How a model judged *fit* for memory and *speed* for pace (None: not known) would do."""
    if fit is Verdict.WONT_FIT:
        return Outlook.WONT_FIT
    if speed is not None and speed.pace is Pace.SLOW:
        return Outlook.TOO_SLOW
    if fit is Verdict.TIGHT:
        return Outlook.TIGHT
    if speed is not None and speed.pace is Pace.READABLE:
        return Outlook.SLOW
    return Outlook.RUNS_WELL
