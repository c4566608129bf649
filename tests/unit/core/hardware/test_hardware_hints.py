"""Hints about what slows a model down, on constructed snapshots of a 16 GB machine."""

from __future__ import annotations

import dataclasses
import string

from desktop.core.hardware.hints import Hint, ModelUse, hints
from desktop.core.hardware.snapshot import GpuSample, MachineInfo, Snapshot

GB = 10**9

MACHINE = MachineInfo(
    cpu_name="Test CPU",
    physical_cores=8,
    logical_cores=16,
    memory_total=16 * GB,
    instruction_sets=("AVX", "AVX2"),
    gpus=(),
    gpu_error=None,
)
HEALTHY = Snapshot(
    cpu_percent=50.0,
    app_cpu_percent=48.0,  # 8 threads of 16 logical cores, all busy
    memory_total=16 * GB,
    memory_available=9 * GB,
    app_memory=5 * GB,
    swap_used=0,
    swapped_in_per_s=0.0,
    gpus=(),
    gpu_error=None,
)
MODEL = ModelUse(
    name="Llama-3.1-8B-Instruct.Q4_K_M",
    weights=4_900_000_000,
    kv_cache=512_000_000,
    n_ctx=4096,
    n_threads=8,
    n_gpu_layers=0,
    n_batch=512,
)
GPU = GpuSample("NVIDIA GeForce RTX 4070", 12 * GB, 1 * GB, 3.0)
SWAPPING = "the system is swapping"
GPU_UNUSED = "no layers of the model are offloaded"
MEMORY_BOUND = "limited by memory speed"
NEARLY_FULL = "Memory is nearly full"


def texts(found: list[Hint]) -> str:
    return "\n".join(str(hint) for hint in found)


def test_healthy_machine_has_no_hints() -> None:
    assert hints(HEALTHY, MACHINE, None) == []
    assert hints(HEALTHY, MACHINE, MODEL) == []
    assert hints(HEALTHY, MACHINE, MODEL, tokens_per_second=12.0) == []
    idle = dataclasses.replace(HEALTHY, app_cpu_percent=0.5, cpu_percent=2.0)
    assert hints(idle, MACHINE, MODEL) == []  # not generating: low use is expected


def test_model_larger_than_free_memory_while_swapping() -> None:
    swapping = dataclasses.replace(
        HEALTHY, memory_available=3 * GB, swapped_in_per_s=40e6, swap_used=2 * GB
    )
    found = hints(swapping, MACHINE, MODEL)
    assert len(found) == 1
    assert SWAPPING in str(found[0])
    assert {k: str(v) for k, v in found[0].params.items()} == {
        "size": "5.4 GB",
        "available": "3.0 GB",
    }


def test_almost_no_memory_left_counts_as_swapping() -> None:
    full = dataclasses.replace(HEALTHY, memory_available=GB // 2)
    found = texts(hints(full, MACHINE, MODEL))
    assert SWAPPING in found
    assert NEARLY_FULL not in found  # one hint about memory is enough


def test_no_swapping_hint_when_the_model_fits() -> None:
    swapping = dataclasses.replace(HEALTHY, memory_available=6 * GB, swapped_in_per_s=40e6)
    assert hints(swapping, MACHINE, MODEL) == []


def test_no_swapping_hint_when_the_system_is_not_swapping() -> None:
    tight = dataclasses.replace(HEALTHY, memory_available=2 * GB, swapped_in_per_s=1e3)
    assert SWAPPING not in texts(hints(tight, MACHINE, MODEL))


def test_unused_gpu() -> None:
    with_gpu = dataclasses.replace(HEALTHY, gpus=(GPU,))
    found = hints(with_gpu, MACHINE, MODEL)
    assert len(found) == 1
    assert GPU_UNUSED in str(found[0])
    assert {k: str(v) for k, v in found[0].params.items()} == {
        "gpu": "NVIDIA GeForce RTX 4070",
        "free": "11.0 GB",
    }


def test_no_gpu_hint_when_layers_are_offloaded() -> None:
    with_gpu = dataclasses.replace(HEALTHY, gpus=(GPU,))
    for layers in (-1, 12):
        offloaded = dataclasses.replace(MODEL, n_gpu_layers=layers)
        assert hints(with_gpu, MACHINE, offloaded) == []
    assert hints(with_gpu, MACHINE, None) == []


def test_generation_limited_by_memory_speed() -> None:
    # 8 threads could use half of 16 logical cores (50 %); 20 % is well below.
    waiting = dataclasses.replace(HEALTHY, app_cpu_percent=20.0)
    found = hints(waiting, MACHINE, MODEL, tokens_per_second=3.5)
    assert len(found) == 1
    assert MEMORY_BOUND in str(found[0])


def test_no_memory_speed_hint_without_generation_or_on_the_gpu() -> None:
    waiting = dataclasses.replace(HEALTHY, app_cpu_percent=20.0)
    assert hints(waiting, MACHINE, MODEL) == []
    on_gpu = dataclasses.replace(MODEL, n_gpu_layers=-1)
    assert hints(waiting, MACHINE, on_gpu, tokens_per_second=40.0) == []
    busy = dataclasses.replace(HEALTHY, app_cpu_percent=35.0)
    assert hints(busy, MACHINE, MODEL, tokens_per_second=3.5) == []


def test_memory_nearly_full_without_swapping() -> None:
    tight = dataclasses.replace(HEALTHY, memory_available=int(1.2 * GB))
    for model in (None, dataclasses.replace(MODEL, weights=GB // 2, kv_cache=GB // 10)):
        found = hints(tight, MACHINE, model)
        assert len(found) == 1
        assert NEARLY_FULL in str(found[0])
        assert {k: str(v) for k, v in found[0].params.items()} == {
            "available": "1.2 GB",
            "total": "16.0 GB",
        }


def test_hints_come_most_serious_first_as_translatable_sentences() -> None:
    worst = dataclasses.replace(HEALTHY, memory_available=GB // 2, app_cpu_percent=5.0, gpus=(GPU,))
    found = hints(worst, MACHINE, MODEL, tokens_per_second=0.8)
    markers = (SWAPPING, GPU_UNUSED, MEMORY_BOUND)
    assert len(found) == len(markers)
    for hint, marker in zip(found, markers, strict=True):
        assert marker in str(hint)
    for hint in found:
        assert hint.context == "HardwareHint"
        names = {name for _, name, _, _ in string.Formatter().parse(hint.template) if name}
        assert names == set(hint.params)
        assert str(hint) == hint.template.format(**hint.params)
