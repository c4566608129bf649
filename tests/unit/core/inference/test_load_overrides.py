"""The user's load settings (Settings → Models) over the hardware's choice."""

from __future__ import annotations

from pathlib import Path

from desktop.core.app_settings import MODEL_CONTEXT, MODEL_GPU_LAYERS, MODEL_THREADS, AppSettings
from desktop.core.inference.load_overrides import LoadOverrides
from desktop.core.inference.types import LoadSettings

HARDWARE = LoadSettings(n_ctx=4096, n_threads=8, n_gpu_layers=-1, n_batch=512)


def test_nothing_saved_leaves_the_hardwares_choice(tmp_path: Path) -> None:
    overrides = LoadOverrides.read(AppSettings(tmp_path / "settings.json"))
    assert overrides == LoadOverrides()
    assert overrides.apply(HARDWARE) == HARDWARE


def test_saved_threads_and_gpu_layers_replace_the_hardwares(tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.json")
    settings.set(MODEL_THREADS, 2)
    settings.set(MODEL_GPU_LAYERS, 0)
    settings.set(MODEL_CONTEXT, 1024)
    overrides = LoadOverrides.read(settings)
    assert overrides == LoadOverrides(n_ctx=1024, n_threads=2, n_gpu_layers=0)
    applied = overrides.apply(HARDWARE)
    assert (applied.n_threads, applied.n_gpu_layers, applied.n_batch) == (2, 0, 512)


def test_broken_values_are_left_to_the_hardware(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"model_threads": -3, "model_gpu_layers": "all", "model_context": 1.5}')
    assert LoadOverrides.read(AppSettings(path)) == LoadOverrides()
