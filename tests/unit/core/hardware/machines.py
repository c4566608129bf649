"""A machine with room to spare, for the tests of load settings."""

from __future__ import annotations

from desktop.core.hardware.snapshot import Snapshot

GB = 10**9

ROOMY = Snapshot(
    cpu_percent=10.0,
    app_cpu_percent=1.0,
    memory_total=16 * GB,
    memory_available=12 * GB,
    app_memory=GB // 5,
    swap_used=0,
    swapped_in_per_s=0.0,
    gpus=(),
    gpu_error=None,
)
