"""The user's own choices for loading models (Settings → Models), over the hardware's."""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.core.app_settings import MODEL_CONTEXT, MODEL_GPU_LAYERS, MODEL_THREADS, AppSettings
from desktop.core.inference.types import LoadSettings


@dataclass(frozen=True)
class LoadOverrides:
    """What the user fixed about loading a model; the rest is the hardware's choice.

    Attributes:
        n_ctx: tokens of conversation a model remembers; 0: the longest that fits.
        n_threads: processor threads; 0: one per core.
        n_gpu_layers: layers on the graphics card (0: none; more than the model has: all);
            None: all of them when they fit its free memory, else none. Only a build of
            llama.cpp with GPU support uses it.
    """

    n_ctx: int = 0
    n_threads: int = 0
    n_gpu_layers: int | None = None

    @classmethod
    def read(cls, settings: AppSettings) -> LoadOverrides:
        """The overrides saved in *settings*; a value missing or out of range is left to the
        hardware (the settings' schema checks them)."""
        return cls(
            n_ctx=settings.get(MODEL_CONTEXT),
            n_threads=settings.get(MODEL_THREADS),
            n_gpu_layers=settings.get(MODEL_GPU_LAYERS),
        )

    def apply(self, recommended: LoadSettings) -> LoadSettings:
        """*recommended* with the threads and GPU layers the user fixed.

        The context is not replaced here: it is a wish the hardware's choice starts from
        (``wanted_ctx``), so that a model the memory cannot hold at that length still loads.
        """
        return replace(
            recommended,
            n_threads=self.n_threads or recommended.n_threads,
            n_gpu_layers=(
                recommended.n_gpu_layers if self.n_gpu_layers is None else self.n_gpu_layers
            ),
        )
