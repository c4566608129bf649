"""What "how will it run?" is judged against: the memory free now, the context length, and
the machine's measured speed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.inference.types import LoadSettings
from desktop.core.library.catalog import CatalogModel
from desktop.core.library.recommend import Recommendation, recommend
from desktop.core.modelfile.fit import WORKING_BUFFERS, FitEstimate, ModelShape, estimate_fit
from desktop.core.modelfile.size_guess import (
    LAYER_SHARE,
    parameters_of_file,
    quantization_in_name,
    typical_layers,
)
from desktop.core.modelfile.speed import (
    MachineSpeed,
    Measured,
    MeasuredSpeeds,
    SpeedEstimate,
    estimate_speed,
)


@dataclass(frozen=True)
class Judge:
    """Fit and speed estimates against the machine at one moment.

    Attributes:
        n_ctx: the context length models are judged at.
        free_ram: bytes of main memory free.
        free_vram: bytes free on the roomiest GPU; None without one.
        speed: how fast the machine runs models; None while it is not known.
        measured: the speeds models showed here, to set beside their estimates.
        measuring: the machine's speed is being measured (it is not known yet).
    """

    n_ctx: int
    free_ram: int
    free_vram: int | None
    speed: MachineSpeed | None = None
    measured: MeasuredSpeeds = field(default_factory=MeasuredSpeeds)
    measuring: bool = False

    def estimate(self, shape: ModelShape, weights: int) -> FitEstimate:
        return estimate_fit(shape, weights, self.n_ctx, self.free_ram, self.free_vram)

    def recommend(self, catalog: Sequence[CatalogModel]) -> Recommendation:
        return recommend(catalog, self.n_ctx, self.free_ram, self.free_vram, self.speed)

    def model_speed(
        self, weights: int, layer_parameters: int, layers: int, quantization: str, on_gpu: bool
    ) -> SpeedEstimate | None:
        """How fast a model would run here (None while the machine's speed is unknown)."""
        if self.speed is None:
            return None
        return estimate_speed(self.speed, weights, layer_parameters, layers, quantization, on_gpu)

    def file_speed(self, file_name: str, size: int) -> SpeedEstimate | None:
        """How fast a model file known only by its name and size would run here."""
        quantization = quantization_in_name(file_name)
        parameters = parameters_of_file(size, quantization)
        # Its keys and values unknown: as an 8B model's, a tenth of its weights at 4,096 tokens.
        needed = size + size // 10 + WORKING_BUFFERS
        on_gpu = self.free_vram is not None and needed <= self.free_vram
        return self.model_speed(
            size, int(parameters * LAYER_SHARE), typical_layers(parameters), quantization, on_gpu
        )

    def measured_speed(self, file_name: str) -> Measured | None:
        return self.measured.get(file_name)


@dataclass
class MachineMemory:
    """Where judges come from.

    Attributes:
        sampler: where free memory is read from.
        n_ctx: the context length models are judged at (the default a model loads with).
        speed: how fast the machine runs models, once measured.
        measured: the speeds models showed here.
        measuring: the machine's speed is being measured.
    """

    sampler: HardwareSampler
    n_ctx: int = LoadSettings.n_ctx
    speed: MachineSpeed | None = None
    measured: MeasuredSpeeds = field(default_factory=MeasuredSpeeds)
    measuring: bool = False

    def judge(self) -> Judge:
        """A judge for the memory free now (sampled once)."""
        snapshot = self.sampler.sample()
        return Judge(
            self.n_ctx,
            snapshot.memory_available,
            snapshot.vram_free,
            self.speed,
            self.measured,
            self.measuring,
        )
