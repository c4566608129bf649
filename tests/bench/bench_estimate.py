"""How close the speed estimate comes to the speed measured, for every model that runs here.

The machine is measured as the app does it (``speed_probe.measure``, the starter model for a
few seconds); then each model is run, in alternating rounds, and its writing speed (greedy
tokens after the first) and reading speed (a prompt of ``--read`` tokens) are set beside
the estimate from its size and shape alone (``estimate_speed``). The models: the starter
(SmolLM2-135M, Q4_1) and copies of other sizes made from it (``tests/gguf_builder.py``):
requantized to Q8_0 and F16, with its layers repeated three times, and, with its tokenizer,
models of the shape of a 1.5B model (24 layers 2,048 wide) in Q4_K, Q6_K and Q8_0, whose
weights are all zero (sparse files: they take memory while they run, no disk). With
``--large``, also a 7B shape (32 layers 4,096 wide) in Q4_K and Q8_0: 4 and 8 GB of memory.

    python tests/bench/bench_estimate.py [--rounds N] [--write N] [--read N] [--large]
                                         [--tiny]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from llama_cpp import Llama

from desktop.core.inference.speed_probe import measure
from desktop.core.inference.types import default_threads
from desktop.core.library.installed import STARTER_MODEL_PATH
from desktop.core.modelfile.model_info import describe
from desktop.core.modelfile.speed import estimate_speed
from tests.bench.tiny import parse_arguments
from tests.gguf_builder import deeper_copy, requantized, shaped_copy

TINY = {"rounds": 1, "write": 8, "read": 64, "tiny": True}
TEXT = "The tide came in over the rocks below the lighthouse, and the keeper counted waves. "
Q8_0, F16 = 7, 1  # llama.cpp's llama_ftype
SHAPED = {"Q4_K": 12, "Q6_K": 14, "Q8_0": 8}  # ggml's tensor types
MID = {"layers": 24, "width": 2048, "feed_forward": 8192, "heads": 16, "kv_heads": 8}
LARGE = {"layers": 32, "width": 4096, "feed_forward": 14336, "heads": 32, "kv_heads": 8}


def models(folder: Path, tiny: bool, large: bool) -> list[Path]:
    """The starter model and the models of other sizes made from it."""
    made = [STARTER_MODEL_PATH, requantized(STARTER_MODEL_PATH, folder / "smol-Q8_0.gguf", Q8_0)]
    if tiny:
        return made
    made.append(requantized(STARTER_MODEL_PATH, folder / "smol-F16.gguf", F16))
    made.append(deeper_copy(STARTER_MODEL_PATH, folder / "smol-x3-Q4_1.gguf", 3))
    made.append(deeper_copy(made[2], folder / "smol-x3-F16.gguf", 3))
    shapes = {"1.5B": MID, **({"7B": LARGE} if large else {})}
    for label, shape in shapes.items():
        for quant, kind in SHAPED.items():
            if label == "7B" and quant == "Q6_K":
                continue
            name = f"shape-{label}-{quant}.gguf"
            made.append(shaped_copy(STARTER_MODEL_PATH, folder / name, kind, **shape))
    return made


def writing_speed(llama: Llama, prompt: list[int], tokens: int) -> float:
    llama.reset()
    started = 0.0
    for written, _token in enumerate(llama.generate(prompt, temp=0.0), start=1):
        if written == 1:
            started = time.perf_counter()
        elif written > tokens:
            break
    return tokens / (time.perf_counter() - started)


def reading_speed(llama: Llama, prompt: list[int]) -> float:
    llama.reset()
    started = time.perf_counter()
    llama.eval(prompt)
    return len(prompt) / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", type=int, default=64, help="tokens written a round")
    parser.add_argument("--read", type=int, default=512, help="tokens read a round")
    parser.add_argument("--large", action="store_true", help="7B shapes too (8 GB of memory)")
    arguments = parse_arguments(parser, TINY)
    threads = default_threads()
    with tempfile.TemporaryDirectory() as folder:
        paths = models(Path(folder), bool(getattr(arguments, "tiny", False)), arguments.large)
        began = time.perf_counter()
        machine = measure(STARTER_MODEL_PATH, threads)
        print(
            f"probe: {time.perf_counter() - began:.1f} s; "
            f"{machine.token_seconds * 1e6:.0f} µs a token, "
            f"{machine.layer_seconds * 1e6:.0f} µs a layer, "
            f"{machine.bytes_per_second / 1e9:.1f} GB/s, "
            f"reading {machine.reading_rate / 1e9:.1f} G weights·tokens/s; threads {threads}"
        )
        llamas = [
            Llama(model_path=str(path), n_ctx=1024, n_threads=threads, verbose=False)
            for path in paths
        ]
        # A large model reads a short prompt: its reading speed shows in fewer tokens.
        sizes = [arguments.read if describe(path).file_size < 2 * 10**9 else 64 for path in paths]
        prompts = [
            llama.tokenize((TEXT * 64).encode())[:size]
            for llama, size in zip(llamas, sizes, strict=True)
        ]
        writes: list[list[float]] = [[] for _ in paths]
        reads: list[list[float]] = [[] for _ in paths]
        for _round in range(arguments.rounds):
            for index, llama in enumerate(llamas):
                writes[index].append(writing_speed(llama, prompts[index][:16], arguments.write))
                reads[index].append(reading_speed(llama, prompts[index]))
        errors: dict[str, list[float]] = {"writing": [], "reading": []}
        for index, path in enumerate(paths):
            info = describe(path)
            estimate = estimate_speed(
                machine,
                info.file_size,
                info.layer_parameters,
                info.shape.layers,
                info.quantization,
            )
            wrote, read = statistics.median(writes[index]), statistics.median(reads[index])
            errors["writing"].append(100 * (estimate.writing - wrote) / wrote)
            errors["reading"].append(100 * (estimate.reading - read) / read)
            print(
                f"{path.name}: {info.file_size / 1e6:.0f} MB, {info.shape.layers} layers  "
                f"writing estimate {estimate.writing:.1f} measured {wrote:.1f} tok/s "
                f"(error {errors['writing'][-1]:+.0f} %)  "
                f"reading estimate {estimate.reading:.0f} measured {read:.0f} tok/s "
                f"(error {errors['reading'][-1]:+.0f} %)"
            )
        for llama in llamas:
            llama.close()
    for kind, values in errors.items():
        print(
            f"{kind} estimate error: mean {statistics.mean(map(abs, values)):.0f} %, "
            f"worst {max(values, key=abs):+.0f} % over {len(values)} models"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
