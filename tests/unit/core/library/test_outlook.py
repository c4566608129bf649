"""One word for fit and speed together: the worse of the two decides, and the catalog has
exactly one model and size to try first."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.core.library.catalog import load_catalog
from desktop.core.library.outlook import Outlook, outlook
from desktop.core.library.recommend import recommend
from desktop.core.modelfile.fit import Verdict
from desktop.core.modelfile.speed import MachineSpeed, Pace, SpeedEstimate, pace
from tests.unit.core.library.test_recommend import GB, LAPTOP, WORKSTATION


def speed_of(wanted: Pace) -> SpeedEstimate:
    """A speed at *wanted* pace (tokens a second chosen from the pace's bounds)."""
    tokens = next(t for t in (0.5, 2.0, 4.0, 6.0, 9.0, 30.0, 100.0) if pace(t) is wanted)
    return SpeedEstimate(writing=tokens, reading=10 * tokens, on_gpu=False)


@pytest.mark.parametrize(
    ("fit", "speed", "expected"),
    [
        (Verdict.RUNS_WELL, Pace.FAST, Outlook.RUNS_WELL),
        (Verdict.RUNS_WELL, Pace.COMFORTABLE, Outlook.RUNS_WELL),
        (Verdict.RUNS_WELL, None, Outlook.RUNS_WELL),
        (Verdict.RUNS_WELL, Pace.READABLE, Outlook.SLOW),
        (Verdict.RUNS_WELL, Pace.SLOW, Outlook.TOO_SLOW),  # the catalog's "Runs well … slow"
        (Verdict.TIGHT, Pace.FAST, Outlook.TIGHT),
        (Verdict.TIGHT, Pace.READABLE, Outlook.TIGHT),
        (Verdict.TIGHT, Pace.SLOW, Outlook.TOO_SLOW),
        (Verdict.TIGHT, None, Outlook.TIGHT),
        (Verdict.WONT_FIT, Pace.FAST, Outlook.WONT_FIT),
        (Verdict.WONT_FIT, None, Outlook.WONT_FIT),
    ],
)
def test_the_worse_of_fit_and_speed_decides(
    fit: Verdict, speed: Pace | None, expected: Outlook
) -> None:
    assert outlook(fit, speed_of(speed) if speed is not None else None) is expected


MACHINES = {
    "laptop": (16 * GB, None, LAPTOP),
    "workstation": (64 * GB, 24 * GB, WORKSTATION),
    "speed not known": (8 * GB, None, None),
    "crawling": (64 * GB, None, replace(LAPTOP, bytes_per_second=0.5e9, token_seconds=0.1)),
}


@pytest.mark.parametrize("machine", MACHINES.values(), ids=MACHINES.keys())
def test_one_model_and_size_is_recommended_and_it_is_the_everyday_one_to_try_first(
    machine: tuple[int, int | None, MachineSpeed | None],
) -> None:
    free_ram, free_vram, speed = machine
    judged = recommend(load_catalog(), 4096, free_ram, free_vram, speed)
    first = judged.recommended
    assert first is not None
    job = first.model.job
    assert judged.by_job[job] is first.model
    assert judged.best[first.model.id] == first.variant
    assert first in judged.options[first.model.id]
    if "general" in judged.by_job:
        assert job == "general"


def test_nothing_is_recommended_when_nothing_fits() -> None:
    judged = recommend(load_catalog(), 4096, 10**8, None, LAPTOP)
    assert judged.recommended is None and judged.by_job == {}
