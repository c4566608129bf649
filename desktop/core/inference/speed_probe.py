"""Measuring how fast this machine runs models: once per build and machine, then remembered.

A few seconds with the starter model: how fast it reads a prompt and writes tokens, and how
fast the processor streams memory. From these, ``desktop.core.modelfile.speed`` estimates the
speed of any model from its size and shape. The figures describe the machine, not the user,
and are kept beside the self-check's record in the cache folder.

A measurement never stands in front of a question: it can be stopped between its steps
(``MeasurementStoppedError``), and the inference worker stops it when a question or a load comes,
then measures again once it is idle.
"""

from __future__ import annotations

import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from desktop.core.inference.llama_log import silence_llama_cpp
from desktop.core.inference.selfcheck import SelfCheck, build_fingerprint
from desktop.core.modelfile.model_info import describe
from desktop.core.modelfile.speed import GPU_BYTES_PER_SECOND, MachineSpeed, reading_rate

STREAM_EFFICIENCY = 1.1
"""llama.cpp's rate of streaming weights while it writes, against the rate at which numpy
sums an array with as many threads: fitted on a 2-core processor to models of 0.9 to 7.6 GB
of the shapes of 1.5B and 7B models (``tests/bench/bench_estimate.py``); the starter's
narrow layers stream faster, by about 15 %."""
TOKEN_SHARE = 0.13
"""Of what the probe's token costs beyond its weights, the share that is per token (choosing
it) rather than per layer: fitted to the starter and copies of it with 90 layers."""
_READ_TOKENS = 256
_WRITE_TOKENS = 24
_ROUNDS = 3
"""Each figure is the best of this many tries: other programs only ever slow a try down."""
_MEMORY_BYTES = 256 * 2**20
"""More than any processor's caches hold, so that the sum streams from memory."""
_TEXT = (
    "The keeper climbed the stairs of the lighthouse at dusk, as he had every evening for "
    "thirty years, and lit the lamp that warned the ships away from the rocks below. "
)


class MeasurementStoppedError(Exception):
    """A measurement was stopped before it was done (something else needed the model);
    nothing of it is kept."""


class SpeedProbe:
    """Measures the machine once per build of llama.cpp, and remembers the figures.

    Attributes:
        record_path: where the figures are kept (JSON: the build's fingerprint -> figures).
        model_path: the model it runs (the starter model).
        self_check: run first, as before any load (a crash there is a sentence instead).
        measurements: how many measurements were begun (the tests' way of seeing that one
            did, or did not, run).
        finished: how many of them were done (and their figures kept).
        running: whether one is under way now.
    """

    def __init__(self, record_path: Path, model_path: Path, self_check: SelfCheck | None) -> None:
        self.record_path = record_path
        self.model_path = model_path
        self.self_check = self_check
        self.measurements = 0
        self.finished = 0
        self.running = False

    def remembered(self) -> MachineSpeed | None:
        """The figures measured before with this build, if any."""
        try:
            records = json.loads(self.record_path.read_text(encoding="utf-8"))
            return MachineSpeed.from_dict(records[build_fingerprint()])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def machine_speed(self, n_threads: int, stop: threading.Event | None = None) -> MachineSpeed:
        """The remembered figures, or new ones measured now with *n_threads* threads;
        setting *stop* ends the measurement at its next step.

        Raises:
            MeasurementStoppedError: *stop* was set before the measurement was done.
            UnsupportedBuildError: llama.cpp cannot run on this processor.
            ModelLoadError: the starter model cannot be read.
        """
        speed = self.remembered()
        if speed is None:
            stop = stop or threading.Event()
            _check(stop)
            self.measurements += 1
            self.running = True
            try:
                if self.self_check is not None:
                    self.self_check.ensure(self.model_path)
                speed = measure(self.model_path, n_threads, stop)
            finally:
                self.running = False
            self._save(speed)
            self.finished += 1
        return speed

    def _save(self, speed: MachineSpeed) -> None:
        self.record_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = self.record_path.with_suffix(".tmp")
        temporary.write_text(json.dumps({build_fingerprint(): speed.to_dict()}), "utf-8")
        os.chmod(temporary, 0o600)
        os.replace(temporary, self.record_path)


def measure(model_path: Path, n_threads: int, stop: threading.Event | None = None) -> MachineSpeed:
    """Run the model at *model_path* on the processor (and on the graphics card, where this
    build can use one) and measure the machine. Takes a few seconds.

    Raises:
        MeasurementStoppedError: *stop* was set (it is looked at between steps, and between
            the tokens the model writes).
    """
    import llama_cpp

    stop = stop or threading.Event()
    info = describe(model_path)
    streaming = memory_bytes_per_second(n_threads, stop) * STREAM_EFFICIENCY
    writing, reading = _run(model_path, n_threads, 0, stop)
    beyond = _beyond_weights(writing, info.file_size, streaming)
    gpu_layer_seconds = gpu_reading_rate = None
    if llama_cpp.llama_supports_gpu_offload():
        gpu_writing, gpu_reading = _run(model_path, n_threads, -1, stop)
        gpu_beyond = _beyond_weights(gpu_writing, info.file_size, GPU_BYTES_PER_SECOND)
        gpu_layer_seconds = gpu_beyond * (1 - TOKEN_SHARE) / info.shape.layers
        gpu_reading_rate = reading_rate(gpu_reading, info.layer_parameters, info.quantization)
    return MachineSpeed(
        token_seconds=beyond * TOKEN_SHARE,
        layer_seconds=beyond * (1 - TOKEN_SHARE) / max(1, info.shape.layers),
        bytes_per_second=streaming,
        reading_rate=reading_rate(reading, info.layer_parameters, info.quantization),
        gpu_layer_seconds=gpu_layer_seconds,
        gpu_reading_rate=gpu_reading_rate,
    )


def memory_bytes_per_second(n_threads: int, stop: threading.Event | None = None) -> float:
    """How fast *n_threads* threads together read memory (numpy sums, which let go of
    Python's lock, so the threads run side by side).

    Raises:
        MeasurementStoppedError: *stop* was set.
    """
    import numpy

    stop = stop or threading.Event()
    values = numpy.ones(_MEMORY_BYTES // 4, dtype=numpy.float32)
    parts = numpy.array_split(values, max(1, n_threads))
    best = float("inf")
    with ThreadPoolExecutor(len(parts)) as pool:
        for _ in range(3 * _ROUNDS):
            _check(stop)
            started = time.perf_counter()
            list(pool.map(numpy.sum, parts))
            best = min(best, time.perf_counter() - started)
    return values.nbytes / best


def _beyond_weights(seconds_per_token: float, weights: int, streaming: float) -> float:
    """What a token costs beyond streaming the weights (a tenth of the whole at least: the
    probe's own weights are few, and timing is never that exact)."""
    return max(seconds_per_token - weights / streaming, seconds_per_token / 10)


def _check(stop: threading.Event) -> None:
    """Raise ``MeasurementStoppedError`` if *stop* is set."""
    if stop.is_set():
        raise MeasurementStoppedError


def _run(
    model_path: Path, n_threads: int, n_gpu_layers: int, stop: threading.Event
) -> tuple[float, float]:
    """Seconds a token takes to write, and tokens a second read, with the model there."""
    from llama_cpp import Llama

    _check(stop)
    silence_llama_cpp()
    llama = Llama(
        model_path=str(model_path),
        n_ctx=512,
        n_threads=n_threads,
        n_gpu_layers=n_gpu_layers,
        verbose=False,
    )
    try:
        tokens = llama.tokenize((_TEXT * 8).encode())[:_READ_TOKENS]
        llama.eval(tokens[:32])  # the first call sets up buffers: not part of any figure
        reading = max(_reading_speed(llama, tokens, stop) for _ in range(_ROUNDS))
        writing = min(_write_seconds(llama, tokens[:16], stop) for _ in range(_ROUNDS + 1))
    finally:
        llama.close()
    return writing, reading


def _reading_speed(llama: Any, tokens: list[int], stop: threading.Event) -> float:
    """Tokens a second read of *tokens*."""
    _check(stop)
    llama.reset()
    started = time.perf_counter()
    llama.eval(tokens)
    return len(tokens) / (time.perf_counter() - started)


def _write_seconds(llama: Any, prompt: list[int], stop: threading.Event) -> float:
    """Seconds a token takes to write after *prompt*, greedily (from the second token on:
    the first waits for the prompt to be read)."""
    llama.reset()
    started = 0.0
    for written, _token in enumerate(llama.generate(prompt, temp=0.0), start=1):
        _check(stop)
        if written == 1:
            started = time.perf_counter()
        elif written > _WRITE_TOKENS:
            break
    return (time.perf_counter() - started) / _WRITE_TOKENS
