"""Recommended load settings for the real starter model on constructed machines."""

from __future__ import annotations

import dataclasses

from desktop.core.hardware.defaults import recommended_settings
from desktop.core.hardware.snapshot import GpuSample, MachineInfo
from desktop.core.modelfile.fit import ModelShape, kv_cache_bytes, memory_needed
from desktop.core.modelfile.gguf import GGUFHeader
from tests.unit.core.hardware.machines import GB, ROOMY


def test_plenty_of_memory(model: tuple[GGUFHeader, int], machine: MachineInfo) -> None:
    settings = recommended_settings(*model, machine, ROOMY)
    assert settings.n_ctx == 4096
    assert settings.n_threads == machine.physical_cores
    assert settings.n_gpu_layers == 0


def test_context_shrinks_to_fit_memory(model: tuple[GGUFHeader, int], machine: MachineInfo) -> None:
    header, size = model
    tight = dataclasses.replace(
        ROOMY, memory_available=memory_needed(ModelShape.of(header), size, 1024)
    )
    assert recommended_settings(header, size, machine, tight).n_ctx == 1024
    tighter = dataclasses.replace(tight, memory_available=tight.memory_available - 1)
    assert recommended_settings(header, size, machine, tighter).n_ctx == 512


def test_too_little_memory_for_any_context_still_gives_512(
    model: tuple[GGUFHeader, int], machine: MachineInfo
) -> None:
    full = dataclasses.replace(ROOMY, memory_available=10**6)
    assert recommended_settings(*model, machine, full).n_ctx == 512


def test_context_is_as_wanted_up_to_what_the_model_was_trained_for(
    model: tuple[GGUFHeader, int], machine: MachineInfo
) -> None:
    header, size = model
    assert header.arch_value("context_length") == 8192
    assert recommended_settings(header, size, machine, ROOMY, wanted_ctx=3000).n_ctx == 3000
    assert recommended_settings(header, size, machine, ROOMY, wanted_ctx=8192).n_ctx == 8192
    assert recommended_settings(header, size, machine, ROOMY, wanted_ctx=32768).n_ctx == 4096
    assert recommended_settings(header, size, machine, ROOMY, wanted_ctx=256).n_ctx == 256


def test_whole_model_on_a_gpu_with_room(
    model: tuple[GGUFHeader, int], machine: MachineInfo
) -> None:
    header, size = model
    roomy_gpu = GpuSample("NVIDIA GeForce RTX 4070", 12 * GB, GB // 2, 0.0)
    with_gpu = dataclasses.replace(ROOMY, gpus=(roomy_gpu,))
    assert recommended_settings(header, size, machine, with_gpu).n_gpu_layers == -1
    just_short = size + kv_cache_bytes(ModelShape.of(header), 4096)
    full_gpu = GpuSample("NVIDIA GeForce GT 1030", just_short, 0, 0.0)
    with_small_gpu = dataclasses.replace(ROOMY, gpus=(full_gpu,))
    assert recommended_settings(header, size, machine, with_small_gpu).n_gpu_layers == 0


def test_at_least_one_thread(model: tuple[GGUFHeader, int], machine: MachineInfo) -> None:
    unknown_cores = dataclasses.replace(machine, physical_cores=0)
    assert recommended_settings(*model, unknown_cores, ROOMY).n_threads == 1
