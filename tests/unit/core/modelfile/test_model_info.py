"""Describing models from their headers: the starter model, a split model, damaged files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.core.modelfile.errors import (
    ModelCorruptError,
    ModelLoadError,
    ModelMissingError,
    ModelTooBigError,
    ModelTruncatedError,
    NotGGUFError,
)
from desktop.core.modelfile.fit import ModelShape, memory_needed
from desktop.core.modelfile.model_check import check_model_file
from desktop.core.modelfile.model_info import describe, parameter_label, split_parts
from tests.conftest import BadModels
from tests.gguf_builder import tiny_split


def test_starter_model(starter_model: Path) -> None:
    info = describe(starter_model)
    assert info.architecture == "llama"
    assert info.name == "Smollm2 135M 8k Lc100K Mix1 Ep2"
    # 30 blocks; 9 heads of 576 / 9 = 64 values, 3 of them keep keys and values.
    assert info.shape == ModelShape(layers=30, kv_heads=3, key_length=576 // 9, value_length=64)
    assert info.context_length == 8192
    assert info.quantization == "Q4_1"
    assert info.parameters == 134_515_008  # the elements of its 272 tensors
    assert info.parameter_label == "135M"
    assert parameter_label(info.parameters) == "135M"
    # 96_576_768 bytes of tensor data x 8 / 134_515_008 weights: F32 norms raise Q4_1's 5.
    assert info.bits_per_weight == pytest.approx(96_576_768 * 8 / 134_515_008)
    assert 4 < info.bits_per_weight < 6
    assert info.license == "apache-2.0"
    assert info.file_size == starter_model.stat().st_size
    assert info.parts == (starter_model,)


@pytest.mark.parametrize(
    ("count", "label"),
    [
        (999, "999"),
        (2_000, "2K"),
        (134_515_008, "135M"),
        (1_711_376_384, "1.7B"),
        (8_030_261_248, "8B"),
        (15_706_484_224, "16B"),
    ],
)
def test_parameter_label(count: int, label: str) -> None:
    assert parameter_label(count) == label


def test_split_parts(tmp_path: Path) -> None:
    names = ["x-00001-of-00003.gguf", "x-00002-of-00003.gguf", "x-00003-of-00003.gguf"]
    expected = tuple(tmp_path / name for name in names)
    for name in names:
        assert split_parts(tmp_path / name) == expected
    for single in ("model.gguf", "x-1-of-3.gguf", "x-00001-of-00003.bin"):
        assert split_parts(tmp_path / single) == (tmp_path / single,)


def test_split_model_is_described_whole(tmp_path: Path) -> None:
    part1, part2 = tiny_split(tmp_path)
    for given in (part1, part2):
        info = describe(given)
        assert info.parts == (part1, part2)
        assert info.file_size == part1.stat().st_size + part2.stat().st_size
        assert info.parameters == 512 + 256
        assert info.parameter_label == "768"
        assert info.bits_per_weight == 32.0  # (2048 + 1024) bytes x 8 / 768 weights
        assert info.quantization == "F32"
        assert info.name == "Tiny Split"
        assert info.shape == ModelShape(layers=2, kv_heads=2, key_length=16, value_length=16)
        assert info.context_length == 256
        assert info.license == ""


def test_a_nameless_split_model_is_named_after_its_files(tmp_path: Path) -> None:
    part1, _ = tiny_split(tmp_path, name=None)
    assert describe(part1).name == "tiny"


def test_a_missing_part_is_named(tmp_path: Path) -> None:
    part1, part2 = tiny_split(tmp_path)
    part2.unlink()
    for check in (describe, lambda path: check_model_file(path, 256, 10**12)):
        with pytest.raises(ModelMissingError, match="was not found") as raised:
            check(part1)
        assert str(part2) in str(raised.value)


def test_a_damaged_part_is_named(tmp_path: Path) -> None:
    part1, part2 = tiny_split(tmp_path)
    part2.write_bytes(b"PK\x03\x04" + bytes(60))
    with pytest.raises(NotGGUFError, match=r"tiny-00002-of-00002\.gguf is not a GGUF"):
        describe(part1)


def test_check_model_file_counts_every_part(tmp_path: Path) -> None:
    part1, part2 = tiny_split(tmp_path)
    total = part1.stat().st_size + part2.stat().st_size
    needed = memory_needed(ModelShape(2, 2, 16, 16), total, 256)
    header = check_model_file(part1, 256, available_memory=needed)
    assert header.metadata["general.name"] == "Tiny Split"
    with pytest.raises(ModelTooBigError):
        check_model_file(part1, 256, available_memory=needed - 1)


@pytest.mark.parametrize(
    ("make", "error"),
    [
        ("missing", ModelMissingError),
        ("not_gguf", NotGGUFError),
        ("truncated", ModelTruncatedError),
        ("corrupt", ModelCorruptError),
    ],
)
def test_damaged_files_raise_the_documented_errors(
    bad_models: BadModels, make: str, error: type[ModelLoadError]
) -> None:
    path: Path = getattr(bad_models, make)()
    with pytest.raises(error) as raised:
        describe(path)
    assert path.name in str(raised.value)


def test_random_bytes_are_not_a_model(tmp_path: Path) -> None:
    path = tmp_path / "noise.gguf"
    path.write_bytes(b"\0" + os.urandom(4095))  # the zero byte rules out the GGUF signature
    with pytest.raises(NotGGUFError, match=r"noise\.gguf is not a GGUF model file"):
        describe(path)
