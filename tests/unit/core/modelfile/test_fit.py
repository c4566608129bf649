"""The fit estimate, against figures worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.library.catalog import CatalogModel, CatalogVariant, best_variant
from desktop.core.modelfile.fit import (
    ModelShape,
    Verdict,
    estimate_fit,
    kv_cache_bytes,
    memory_needed,
)
from desktop.core.modelfile.gguf import GGUFHeader, read_header

GB = 10**9

SMOL = ModelShape(layers=30, kv_heads=3, key_length=64, value_length=64)
"""The starter model, SmolLM2-135M: 9 heads of 64 (576 wide), 3 of them keep keys and values."""
SMOL_WEIGHTS = 98_362_432  # the starter model's file

LLAMA_8B = ModelShape(layers=32, kv_heads=8, key_length=128, value_length=128)
"""Llama 3.1 8B: 32 heads of 128 (4096 wide), 8 of them keep keys and values."""
LLAMA_8B_Q4 = 4_920_739_232  # Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf


@pytest.mark.parametrize(
    ("shape", "n_ctx", "kv_bytes"),
    [
        # 30 layers x 3 heads x (64 + 64) values x 2 bytes = 23_040 bytes a token
        (SMOL, 2048, 47_185_920),  # 23_040 x 2048
        (SMOL, 8192, 188_743_680),  # 23_040 x 8192
        # 32 layers x 8 heads x (128 + 128) values x 2 bytes = 131_072 bytes (128 KiB) a token
        (LLAMA_8B, 2048, 268_435_456),  # 131_072 x 2048 = 256 MiB
        (LLAMA_8B, 8192, 1_073_741_824),  # 131_072 x 8192 = 1 GiB
    ],
)
def test_kv_cache_bytes(shape: ModelShape, n_ctx: int, kv_bytes: int) -> None:
    assert kv_cache_bytes(shape, n_ctx) == kv_bytes


@pytest.mark.parametrize(
    ("shape", "weights", "n_ctx", "needed"),
    [
        # weights + KV cache + 256_000_000 bytes of working buffers
        (SMOL, SMOL_WEIGHTS, 2048, 401_548_352),  # 98_362_432 + 47_185_920 + 256_000_000
        (SMOL, SMOL_WEIGHTS, 8192, 543_106_112),  # 98_362_432 + 188_743_680 + 256_000_000
        (LLAMA_8B, LLAMA_8B_Q4, 2048, 5_445_174_688),  # 4_920_739_232 + 268_435_456 + 256e6
        (LLAMA_8B, LLAMA_8B_Q4, 8192, 6_250_481_056),  # 4_920_739_232 + 1_073_741_824 + 256e6
    ],
)
def test_memory_needed(shape: ModelShape, weights: int, n_ctx: int, needed: int) -> None:
    assert memory_needed(shape, weights, n_ctx) == needed
    estimate = estimate_fit(shape, weights, n_ctx, free_ram=64 * GB)
    assert estimate.needed == needed
    assert estimate.weights + estimate.kv_cache + estimate.buffers == needed


@pytest.mark.parametrize(
    ("shape", "weights", "n_ctx", "free_ram", "verdict"),
    [
        # Small model, 2048 tokens: needs 401_548_352. 4/3 of it is 535_397_802.67, so
        # 535_397_803 free is the least with which it needs no more than 75 %.
        (SMOL, SMOL_WEIGHTS, 2048, 535_397_803, Verdict.RUNS_WELL),
        (SMOL, SMOL_WEIGHTS, 2048, 535_397_802, Verdict.TIGHT),
        (SMOL, SMOL_WEIGHTS, 2048, 401_548_352, Verdict.TIGHT),  # exactly 100 %
        (SMOL, SMOL_WEIGHTS, 2048, 401_548_351, Verdict.WONT_FIT),
        # Small model, 8192 tokens: needs 543_106_112; 4/3 of it is 724_141_482.67.
        (SMOL, SMOL_WEIGHTS, 8192, 724_141_483, Verdict.RUNS_WELL),
        (SMOL, SMOL_WEIGHTS, 8192, 724_141_482, Verdict.TIGHT),
        (SMOL, SMOL_WEIGHTS, 8192, 543_106_111, Verdict.WONT_FIT),
        # Llama 3.1 8B, 2048 tokens: needs 5_445_174_688; 4/3 of it is 7_260_232_917.33.
        (LLAMA_8B, LLAMA_8B_Q4, 2048, 7_260_232_918, Verdict.RUNS_WELL),
        (LLAMA_8B, LLAMA_8B_Q4, 2048, 7_260_232_917, Verdict.TIGHT),
        (LLAMA_8B, LLAMA_8B_Q4, 2048, 5_445_174_687, Verdict.WONT_FIT),
        # Llama 3.1 8B, 8192 tokens: needs 6_250_481_056; 4/3 of it is 8_333_974_741.33.
        (LLAMA_8B, LLAMA_8B_Q4, 8192, 8_333_974_742, Verdict.RUNS_WELL),
        (LLAMA_8B, LLAMA_8B_Q4, 8192, 8_333_974_741, Verdict.TIGHT),
        (LLAMA_8B, LLAMA_8B_Q4, 8192, 6_250_481_056, Verdict.TIGHT),  # exactly 100 %
        (LLAMA_8B, LLAMA_8B_Q4, 8192, 6_250_481_055, Verdict.WONT_FIT),
        (LLAMA_8B, LLAMA_8B_Q4, 8192, 8 * GB, Verdict.TIGHT),  # an 8 GB laptop: 78 %
    ],
)
def test_verdict_against_free_ram(
    shape: ModelShape, weights: int, n_ctx: int, free_ram: int, verdict: Verdict
) -> None:
    estimate = estimate_fit(shape, weights, n_ctx, free_ram)
    assert estimate.verdict is verdict
    assert not estimate.on_gpu
    assert estimate.available == free_ram


def test_a_gpu_that_holds_the_whole_model_is_what_it_is_judged_against() -> None:
    # Llama 3.1 8B at 8192 tokens needs 6_250_481_056 bytes.
    on_gpu = estimate_fit(LLAMA_8B, LLAMA_8B_Q4, 8192, free_ram=2 * GB, free_vram=8 * GB)
    assert on_gpu.on_gpu
    assert on_gpu.available == 8 * GB
    assert on_gpu.verdict is Verdict.TIGHT  # 6.25 GB is 78 % of 8 GB
    roomy = estimate_fit(LLAMA_8B, LLAMA_8B_Q4, 8192, free_ram=2 * GB, free_vram=12 * GB)
    assert roomy.verdict is Verdict.RUNS_WELL  # 52 % of 12 GB
    exact = estimate_fit(LLAMA_8B, LLAMA_8B_Q4, 8192, free_ram=0, free_vram=6_250_481_056)
    assert exact.on_gpu
    assert exact.verdict is Verdict.TIGHT


def test_a_gpu_too_small_for_the_whole_model_leaves_it_to_ram() -> None:
    estimate = estimate_fit(LLAMA_8B, LLAMA_8B_Q4, 8192, free_ram=16 * GB, free_vram=6 * GB)
    assert not estimate.on_gpu
    assert estimate.available == 16 * GB
    assert estimate.free_vram == 6 * GB
    assert estimate.verdict is Verdict.RUNS_WELL  # 6.25 GB is 39 % of 16 GB
    short = estimate_fit(LLAMA_8B, LLAMA_8B_Q4, 8192, free_ram=4 * GB, free_vram=6_250_481_055)
    assert not short.on_gpu
    assert short.verdict is Verdict.WONT_FIT


def test_shape_of_the_starter_model(starter_model: Path) -> None:
    assert ModelShape.of(read_header(starter_model)) == SMOL


def _header(**arch: int) -> GGUFHeader:
    metadata: dict[str, object] = {"general.architecture": "arch"}
    metadata.update({f"arch.{key.replace('__', '.')}": value for key, value in arch.items()})
    return GGUFHeader(version=3, metadata=metadata, tensors=(), data_offset=0)


def test_shape_defaults_as_llama_cpp_reads_them() -> None:
    # Llama 2 13B: no head_count_kv (every head keeps keys and values), head = 5120 / 40.
    llama2 = _header(block_count=40, embedding_length=5120, attention__head_count=40)
    assert ModelShape.of(llama2) == ModelShape(40, 40, 128, 128)
    # DeepSeek-Coder-V2-Lite (deepseek2): keys and values of their own widths.
    deepseek2 = _header(
        block_count=27,
        embedding_length=2048,
        attention__head_count=16,
        attention__head_count_kv=16,
        attention__key_length=192,
        attention__value_length=128,
    )
    assert ModelShape.of(deepseek2) == ModelShape(27, 16, 192, 128)


LLAMA_8B_MODEL = CatalogModel(
    id="llama-3.1-8b-instruct",
    name="Llama 3.1 8B Instruct",
    family="Llama 3.1",
    job="general",
    repo="bartowski/Meta-Llama-3.1-8B-Instruct-GGUF",
    license="llama3.1",
    parameters="8B",
    context_length=131072,
    good_at="Everything.",
    for_everyone="A strong assistant.",
    shape=LLAMA_8B,
    variants=(
        CatalogVariant("Q8_0", ("Meta-Llama-3.1-8B-Instruct-Q8_0.gguf",), 8_540_775_840),
        CatalogVariant("Q3_K_M", ("Meta-Llama-3.1-8B-Instruct-Q3_K_M.gguf",), 4_018_922_912),
        CatalogVariant("Q4_K_M", ("Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf",), LLAMA_8B_Q4),
    ),
    confirmed=True,
)


@pytest.mark.parametrize(
    ("free_ram", "free_vram", "quant"),
    [
        # At 2048 tokens each variant needs its size + 268_435_456 + 256_000_000:
        # Q3_K_M 4_543_358_368, Q4_K_M 5_445_174_688, Q8_0 9_065_211_296.
        (16 * GB, None, "Q8_0"),  # 75 % of 16 GB is 12 GB: all three run well
        (8 * GB, None, "Q4_K_M"),  # 75 % is 6 GB: Q4_K_M runs well, Q8_0 does not fit
        (7 * GB, None, "Q3_K_M"),  # 5.25 GB: Q3_K_M runs well, better than a tight Q4_K_M
        (5 * GB, None, "Q3_K_M"),  # 3.75 GB: none runs well; Q3_K_M fits, tightly
        # 12 GB of VRAM holds every variant: Q8_0 needs 75.5 % of it (tight), Q4_K_M 45 %.
        (2 * GB, 12 * GB, "Q4_K_M"),
    ],
)
def test_best_variant(free_ram: int, free_vram: int | None, quant: str) -> None:
    chosen = best_variant(LLAMA_8B_MODEL, 2048, free_ram, free_vram)
    assert chosen is not None
    assert chosen.quant == quant


def test_best_variant_is_none_when_nothing_fits() -> None:
    # The smallest, Q3_K_M, needs 4_543_358_368 bytes at 2048 tokens.
    assert best_variant(LLAMA_8B_MODEL, 2048, free_ram=4_543_358_367) is None
    assert best_variant(LLAMA_8B_MODEL, 2048, free_ram=4_543_358_368) is not None
