"""Speed estimates, against figures worked out by hand."""

from __future__ import annotations

import pytest

from desktop.core.modelfile.size_guess import (
    parameters_of_file,
    parameters_of_label,
    quantization_in_name,
    typical_layers,
)
from desktop.core.modelfile.speed import MachineSpeed, MeasuredSpeeds, Pace, estimate_speed, pace

MACHINE = MachineSpeed(
    token_seconds=0.5e-3, layer_seconds=0.1e-3, bytes_per_second=40e9, reading_rate=4e10
)
"""A laptop: half a millisecond a token, a tenth a layer, 40 GB/s, 40 G weights*tokens/s."""


def test_writing_is_the_cost_of_a_token_its_layers_and_its_weights() -> None:
    # 8B Q4_K_M: 0.5 ms + 32 x 0.1 ms + 4.92e9 / 40e9 s = 0.5 + 3.2 + 123 ms = 126.7 ms.
    estimate = estimate_speed(MACHINE, 4_920_000_000, 7_000_000_000, 32, "Q4_K_M")
    assert estimate.writing == pytest.approx(1 / 0.1267)
    assert estimate.words_per_second == pytest.approx(0.75 / 0.1267)
    assert estimate.pace is Pace.COMFORTABLE and estimate.readable
    # Reading: its layers are wide (219 million weights each): 4e10 x 2.2 / 7e9 weights.
    assert estimate.reading == pytest.approx(4e10 * 2.2 / 7e9)
    assert not estimate.on_gpu


def test_narrow_layers_read_faster_in_tiled_quantizations_and_wide_ones_in_all() -> None:
    # The starter's shape: 106 million weights in 30 layers of 3.5 million.
    plain = estimate_speed(MACHINE, 98_000_000, 106_000_000, 30, "Q4_1")
    tiled = estimate_speed(MACHINE, 145_000_000, 106_000_000, 30, "Q8_0")
    assert plain.reading == pytest.approx(4e10 / 106e6)
    assert tiled.reading == pytest.approx(plain.reading * 1.5)
    wide_q6 = estimate_speed(MACHINE, 1_300_000_000, 1_500_000_000, 24, "Q6_K")
    wide_q8 = estimate_speed(MACHINE, 1_700_000_000, 1_500_000_000, 24, "Q8_0")
    assert wide_q6.reading == wide_q8.reading == pytest.approx(4e10 * 2.2 / 1.5e9)
    assert wide_q6.writing > wide_q8.writing  # fewer bytes to stream


def test_the_graphics_card_is_used_only_where_this_build_can() -> None:
    assert not estimate_speed(MACHINE, 10**9, 10**9, 16, on_gpu=True).on_gpu
    gpu = MachineSpeed(0.5e-3, 0.1e-3, 40e9, 4e10, gpu_layer_seconds=20e-6, gpu_reading_rate=4e12)
    on_card = estimate_speed(gpu, 10**9, 10**9, 16, on_gpu=True)
    assert on_card.on_gpu
    # 0.5 ms + 16 x 20 us + 1e9 / 300e9 s = 0.5 + 0.32 + 3.33 ms.
    assert on_card.writing == pytest.approx(1 / (0.5e-3 + 0.32e-3 + 1e9 / 300e9))


@pytest.mark.parametrize(
    ("tokens_per_second", "expected"),
    [
        (20.0, Pace.FAST),
        (16.0, Pace.FAST),
        (8.0, Pace.COMFORTABLE),
        (5.0, Pace.READABLE),
        (3.9, Pace.SLOW),
        (1.3, Pace.SLOW),
    ],
)
def test_pace_is_how_the_words_a_second_feel(tokens_per_second: float, expected: Pace) -> None:
    # 16 tokens is 12 words; 6.67 tokens is 5 words; 4 tokens is 3 words a second.
    assert pace(tokens_per_second) is expected


@pytest.mark.parametrize(
    ("name", "quantization"),
    [
        ("Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", "Q4_K_M"),
        ("qwen2.5-7b-instruct-q8_0-00001-of-00002.gguf", "Q8_0"),
        ("SmolLM2-135M-Instruct.Q4_1.gguf", "Q4_1"),
        ("model-IQ4_XS.gguf", "IQ4_XS"),
        ("gemma-2-2b-it-f16.gguf", "F16"),
        ("mystery.gguf", ""),
    ],
)
def test_the_quantization_a_file_name_says(name: str, quantization: str) -> None:
    assert quantization_in_name(name) == quantization


def test_parameters_from_a_label_or_a_file() -> None:
    assert parameters_of_label("7.6B") == 7_600_000_000
    assert parameters_of_label("135M") == 135_000_000
    assert parameters_of_label("8x7B") == 56_000_000_000
    assert parameters_of_label("large") == 0
    assert parameters_of_file(4_250_000_000, "Q8_0") == 4_000_000_000  # 8.5 bits a weight
    assert typical_layers(7 * 10**9) == 32 and typical_layers(70 * 10**9) == 80


def test_a_machine_speed_survives_its_record_and_refuses_nonsense() -> None:
    assert MachineSpeed.from_dict(MACHINE.to_dict()) == MACHINE
    with pytest.raises(ValueError):
        MachineSpeed.from_dict({"token_seconds": 1})
    with pytest.raises(ValueError):
        MachineSpeed.from_dict({**MACHINE.to_dict(), "bytes_per_second": 0})


def test_measured_speeds_keep_the_last_reading_known() -> None:
    measured = MeasuredSpeeds()
    assert measured.get("a.gguf") is None
    measured.record("a.gguf", 30.0, 400.0)
    measured.record("a.gguf", 28.0, 0.0)  # a short follow-up says nothing of reading
    speeds = measured.get("a.gguf")
    assert speeds is not None and (speeds.writing, speeds.reading) == (28.0, 400.0)
