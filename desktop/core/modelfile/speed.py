"""How fast a model would run here: writing and reading speed, from the machine's measured pace.

Writing a token reads every weight of the model once, and costs a little on top, per token
(choosing it) and per layer (the threads meet after each step of each layer): seconds per
token = the cost of a token + layers * the cost of a layer + bytes of weights / the rate
the machine streams them. Reading a prompt is arithmetic
on every weight of the layers for every token, so its speed is the machine's reading rate
(weights * tokens a second) / the layers' weights: faster for the wide layers of real
models than for the starter's narrow ones, and, in narrow layers, for the quantizations
that llama.cpp multiplies a tile at a time. The machine's figures come from
``MachineSpeed``, measured once by running the starter model
(``desktop.core.inference.speed_probe``).

Pure arithmetic, like ``fit``: the library judges a model this way before it is downloaded
(the catalog, hub search results) as well as once it is installed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

WORDS_PER_TOKEN = 0.75
"""About three quarters of an English word a token: how a speed reads to people."""

GPU_BYTES_PER_SECOND = 300e9
"""The rate a graphics card streams a model's weights, for a card whose rate is unknown: a
mid-range card's, well under what its makers quote (the probe's model is too small to
measure it)."""


class Pace(Enum):
    """How a writing speed feels to someone reading along (in words a second)."""

    FAST = "fast"
    """12 or more: faster than anyone reads."""
    COMFORTABLE = "comfortable"
    """5 to 12: as fast as people read."""
    READABLE = "readable"
    """3 to 5: slower than reading, but it can be followed."""
    SLOW = "slow"
    """Under 3: waiting for each word."""


_PACES = ((12.0, Pace.FAST), (5.0, Pace.COMFORTABLE), (3.0, Pace.READABLE))
TILED_QUANTIZATIONS = frozenset({"F32", "F16", "BF16", "Q8_0", "Q4_0", "IQ4_NL"})
"""Quantizations llama.cpp's processor kernels multiply a tile of tokens at a time when
reading (tinyBLAS, repacked weights): in narrow layers they read a prompt about half as fast
again as the others (the starter model requantized: 1.4 to 1.6 times)."""
TILED_READING = 1.5
WIDE_LAYER = 20 * 10**6
"""Weights in a layer from which it is wide: a 1B model's layers hold 60 million, the
starter's 3.5 million."""
WIDE_READING = 2.2
"""How much faster wide layers are read than the starter's, whatever their quantization:
measured here with models of 24 layers 2,048 wide and 32 layers 4,096 wide in Q4_K, Q6_K
and Q8_0 (``tests/bench/bench_estimate.py``), 2.0 to 2.8 times."""
READABLE_WORDS_PER_SECOND = 3.0
"""The least writing speed at which a reply can be followed as it is written."""


@dataclass(frozen=True)
class MachineSpeed:
    """How fast this machine runs models, as measured with the starter model.

    Attributes:
        token_seconds: what writing a token costs beyond its layers (choosing it), in
            seconds, on the processor.
        layer_seconds: what writing a token costs per layer beyond reading the weights
            (the threads' meeting points, small steps), in seconds, on the processor.
        bytes_per_second: the rate the processor streams weights while writing.
        reading_rate: layer weights * tokens a second the processor reads a prompt at, with
            a quantization that is not tiled (``TILED_QUANTIZATIONS``).
        gpu_layer_seconds: as ``layer_seconds``, on the graphics card; None when this
            build of llama.cpp cannot use one.
        gpu_reading_rate: as ``reading_rate``, on the graphics card; None without one.
    """

    token_seconds: float
    layer_seconds: float
    bytes_per_second: float
    reading_rate: float
    gpu_layer_seconds: float | None = None
    gpu_reading_rate: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MachineSpeed:
        """The figures ``to_dict`` gave.

        Raises:
            ValueError: *data* does not hold them.
        """
        try:
            speed = cls(**data)
        except TypeError as error:
            raise ValueError(f"not a machine's speed: {error}") from error
        figures = (
            speed.token_seconds,
            speed.layer_seconds,
            speed.bytes_per_second,
            speed.reading_rate,
        )
        if not all(isinstance(figure, int | float) and figure > 0 for figure in figures):
            raise ValueError("a machine's speed needs positive figures")
        return speed


@dataclass(frozen=True)
class SpeedEstimate:
    """How fast a model would write and read here.

    Attributes:
        writing: tokens a second it writes.
        reading: tokens a second it reads a prompt.
        on_gpu: it runs on the graphics card.
    """

    writing: float
    reading: float
    on_gpu: bool

    @property
    def words_per_second(self) -> float:
        return words(self.writing)

    @property
    def pace(self) -> Pace:
        return pace(self.writing)

    @property
    def readable(self) -> bool:
        """Whether the reply can be followed as it is written."""
        return self.words_per_second >= READABLE_WORDS_PER_SECOND


def words(tokens_per_second: float) -> float:
    """A speed in tokens a second, in words a second."""
    return tokens_per_second * WORDS_PER_TOKEN


def pace(tokens_per_second: float) -> Pace:
    """How writing at *tokens_per_second* feels."""
    rate = words(tokens_per_second)
    return next((name for least, name in _PACES if rate >= least), Pace.SLOW)


def estimate_speed(
    machine: MachineSpeed,
    weights: int,
    layer_parameters: int,
    layers: int,
    quantization: str = "",
    on_gpu: bool = False,
) -> SpeedEstimate:
    """How fast a model of *weights* bytes, *layer_parameters* weights in *layers* layers,
    quantized as *quantization*, would write and read on *machine*; *on_gpu* when it fits
    the graphics card (``FitEstimate.on_gpu``) and this build can use one."""
    if on_gpu and machine.gpu_layer_seconds is not None and machine.gpu_reading_rate:
        layer_seconds, bytes_per_second = machine.gpu_layer_seconds, GPU_BYTES_PER_SECOND
        reading_rate = machine.gpu_reading_rate
    else:
        on_gpu = False
        layer_seconds, bytes_per_second = machine.layer_seconds, machine.bytes_per_second
        reading_rate = machine.reading_rate
    seconds = machine.token_seconds + layers * layer_seconds + weights / bytes_per_second
    if layer_parameters >= WIDE_LAYER * max(1, layers):
        reading_rate *= WIDE_READING
    elif quantization in TILED_QUANTIZATIONS:
        reading_rate *= TILED_READING
    return SpeedEstimate(
        writing=1 / seconds, reading=reading_rate / max(1, layer_parameters), on_gpu=on_gpu
    )


def reading_rate(tokens_per_second: float, layer_parameters: int, quantization: str) -> float:
    """The machine's reading rate, from a model with narrow layers of *layer_parameters*
    weights in all and *quantization* that read *tokens_per_second*."""
    tiled = TILED_READING if quantization in TILED_QUANTIZATIONS else 1.0
    return tokens_per_second * layer_parameters / tiled


@dataclass(frozen=True)
class Measured:
    """The speed a model showed here.

    Attributes:
        writing: tokens a second it wrote its last reply at.
        reading: tokens a second it read at, the last time it read enough to tell; 0 if not.
    """

    writing: float
    reading: float


class MeasuredSpeeds:
    """The speeds models showed since Sotto started, by file name, to set beside their
    estimates. Kept in memory only: which models the user ran is theirs."""

    def __init__(self) -> None:
        self._speeds: dict[str, Measured] = {}

    def record(self, file_name: str, writing: float, reading: float) -> None:
        """Remember a reply's speeds (a *reading* of 0 keeps the one known before)."""
        before = self._speeds.get(file_name)
        kept = reading or (before.reading if before is not None else 0.0)
        self._speeds[file_name] = Measured(writing, kept)

    def get(self, file_name: str) -> Measured | None:
        return self._speeds.get(file_name)
