"""The throttle behind progress, streamed text and saves: at most one yes an interval."""

from __future__ import annotations

from desktop.core.throttle import Throttle


class FakeClock:
    """A clock that moves only when a test moves it."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_the_first_call_is_due_and_the_next_waits_an_interval() -> None:
    clock = FakeClock()
    throttle = Throttle(0.5, clock)

    assert throttle.due()
    assert not throttle.due()
    clock.now += 0.25
    assert not throttle.due()
    clock.now += 0.25
    assert throttle.due()
    assert not throttle.due()


def test_the_interval_counts_from_the_last_yes_not_the_last_call() -> None:
    clock = FakeClock()
    throttle = Throttle(1.0, clock)
    answers = []
    for _ in range(10):
        answers.append(throttle.due())
        clock.now += 0.375

    # Yes at 0, at 1.125 (the first call at least 1.0 after it), at 2.25 and at 3.375: a
    # throttle on a fixed grid of seconds would say yes at 3.0 instead.
    assert answers == [True, False, False, True, False, False, True, False, False, True]


def test_wait_first_counts_the_first_interval_from_construction() -> None:
    clock = FakeClock()
    throttle = Throttle(1.0, clock, wait_first=True)

    assert not throttle.due()
    clock.now += 1.0
    assert throttle.due()
    assert not throttle.due()


def test_a_reading_handed_in_is_used_instead_of_the_clock() -> None:
    clock = FakeClock(now=0.0)  # never moves: only the readings handed in do
    throttle = Throttle(0.05, clock)

    assert throttle.due(10.0)
    assert not throttle.due(10.03125)
    assert throttle.due(10.0625)
    assert not throttle.due()  # the clock reads 0: long before the last yes


def test_a_zero_interval_is_always_due() -> None:
    clock = FakeClock()
    throttle = Throttle(0.0, clock)

    assert all(throttle.due() for _ in range(3))


def test_the_default_clock_is_the_monotonic_one() -> None:
    throttle = Throttle(3600.0)

    assert throttle.due()
    assert not throttle.due()
