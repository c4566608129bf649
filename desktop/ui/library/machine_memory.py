"""What "will it fit?" is measured against: the memory free now and the context length."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.inference.types import LoadSettings
from desktop.core.library.catalog import CatalogModel, CatalogVariant, best_variant
from desktop.core.modelfile.fit import FitEstimate, ModelShape, estimate_fit


@dataclass(frozen=True)
class Judge:
    """Fit estimates against memory free at one moment.

    Attributes:
        n_ctx: the context length models are judged at.
        free_ram: bytes of main memory free.
        free_vram: bytes free on the roomiest GPU; None without one.
    """

    n_ctx: int
    free_ram: int
    free_vram: int | None

    def estimate(self, shape: ModelShape, weights: int) -> FitEstimate:
        return estimate_fit(shape, weights, self.n_ctx, self.free_ram, self.free_vram)

    def best(self, model: CatalogModel) -> CatalogVariant | None:
        return best_variant(model, self.n_ctx, self.free_ram, self.free_vram)


@dataclass
class MachineMemory:
    """Where judges come from.

    Attributes:
        sampler: where free memory is read from.
        n_ctx: the context length models are judged at (the default a model loads with).
    """

    sampler: HardwareSampler
    n_ctx: int = LoadSettings.n_ctx

    def judge(self) -> Judge:
        """A judge for the memory free now (sampled once)."""
        snapshot = self.sampler.sample()
        return Judge(self.n_ctx, snapshot.memory_available, snapshot.vram_free)
