"""How a model is loaded: the hardware's choice with the user's overrides, up to the model the
engine really loads."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from desktop.core.app_settings import MODEL_CONTEXT, MODEL_GPU_LAYERS, MODEL_THREADS, AppSettings
from desktop.core.hardware.snapshot import MachineInfo
from desktop.core.inference.load_overrides import LoadOverrides
from desktop.core.modelfile.gguf import GGUFHeader
from desktop.core.paths import AppPaths
from desktop.core.services import build_engine, load_settings
from tests.unit.core.hardware.machines import ROOMY


def test_no_overrides_give_the_hardwares_choice(
    model: tuple[GGUFHeader, int], machine: MachineInfo
) -> None:
    chosen = load_settings(*model, machine, ROOMY, LoadOverrides())
    assert chosen.n_ctx == 4096
    assert chosen.n_threads == machine.physical_cores
    assert chosen.n_gpu_layers == 0


def test_overrides_replace_threads_and_gpu_layers(
    model: tuple[GGUFHeader, int], machine: MachineInfo
) -> None:
    chosen = load_settings(*model, machine, ROOMY, LoadOverrides(n_threads=3, n_gpu_layers=12))
    assert (chosen.n_threads, chosen.n_gpu_layers) == (3, 12)


def test_the_context_asked_for_is_where_the_hardwares_choice_starts(
    model: tuple[GGUFHeader, int], machine: MachineInfo
) -> None:
    assert load_settings(*model, machine, ROOMY, LoadOverrides(n_ctx=1024)).n_ctx == 1024
    assert load_settings(*model, machine, ROOMY, LoadOverrides(n_ctx=8192)).n_ctx == 8192


def test_a_context_too_long_for_the_memory_shrinks_to_fit(
    model: tuple[GGUFHeader, int], machine: MachineInfo
) -> None:
    tight = dataclasses.replace(ROOMY, memory_available=0)
    assert load_settings(*model, machine, tight, LoadOverrides(n_ctx=8192)).n_ctx == 512


def test_the_settings_saved_reach_the_model_the_engine_loads(
    paths: AppPaths, starter_model: Path
) -> None:
    engine = build_engine(paths)
    settings = AppSettings(paths.settings_path)
    settings.set(MODEL_THREADS, 1)
    settings.set(MODEL_GPU_LAYERS, 0)
    settings.set(MODEL_CONTEXT, 1024)
    try:
        loaded = engine.load(starter_model)
        assert (loaded.settings.n_threads, loaded.settings.n_gpu_layers) == (1, 0)
        assert loaded.n_ctx == 1024
        settings.set(MODEL_THREADS, 2)  # read again at the next load
        assert engine.load(starter_model).settings.n_threads == 2
    finally:
        engine.unload()
