"""The GGUF header reader, on the real starter model and on fuzzed bytes."""

from __future__ import annotations

import contextlib
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.modelfile.fit import ModelShape, kv_cache_bytes, memory_needed
from desktop.core.modelfile.gguf import GGUFFormatError, parse_header, read_header


def test_starter_model_header(starter_model: Path) -> None:
    header = read_header(starter_model)
    assert header.version == 3
    assert header.architecture == "llama"
    assert header.arch_value("block_count") == 30
    assert header.metadata["tokenizer.ggml.tokens"] == 49152  # long arrays keep their length
    assert header.expected_size == starter_model.stat().st_size
    assert len(header.tensors) > 100


def test_kv_cache_and_memory_grow_with_context(starter_model: Path) -> None:
    shape = ModelShape.of(read_header(starter_model))
    # 30 layers x 3 KV heads x (64 + 64) values x 2 bytes per token
    assert kv_cache_bytes(shape, 1) == 30 * 3 * 128 * 2
    size = starter_model.stat().st_size
    assert memory_needed(shape, size, 8192) > memory_needed(shape, size, 512) > size


def _entries(tensors: int, kvs: int, body: bytes) -> bytes:
    """A version 3 header counting *tensors* and *kvs* entries, then *body* and some slack."""
    return b"GGUF" + struct.pack("<IQQ", 3, tensors, kvs) + body + bytes(64)


def _text(text: bytes) -> bytes:
    return struct.pack("<Q", len(text)) + text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "signature"),
        (b"GGUF", "ends early"),
        (b"GGUF\x07\x00\x00\x00" + bytes(16), "version 7"),
        (b"GGUF\x03\x00\x00\x00" + b"\xff" * 16, "more entries"),
        (_entries(0, 1, _text(b"k") + struct.pack("<I", 99)), "unknown value type 99"),
        (_entries(0, 1, _text(b"k") + struct.pack("<IIQ", 9, 9, 1)), "nested arrays"),
        (_entries(0, 1, _text(b"k") + struct.pack("<IIQ", 9, 13, 65)), "unknown array item"),
        (_entries(0, 1, _text(b"\xff") + struct.pack("<IB", 0, 1)), "not UTF-8"),
        (_entries(0, 1, _text(b"general.alignment") + struct.pack("<II", 4, 48)), "alignment 48"),
        (_entries(1, 0, _text(b"t") + struct.pack("<I", 9)), "claims 9 dimensions"),
    ],
)
def test_damaged_headers_say_what_is_wrong(data: bytes, message: str) -> None:
    with pytest.raises(GGUFFormatError, match=message):
        parse_header(data)


@pytest.fixture(scope="module")
def header_bytes(starter_model: Path) -> bytes:
    """The starter model up to where its tensor data starts: metadata and tensor table."""
    with starter_model.open("rb") as file:
        return file.read(read_header(starter_model).data_offset)


@settings(max_examples=200, deadline=None)
@given(cut=st.integers(min_value=0, max_value=1_785_000), noise=st.binary(min_size=1, max_size=64))
def test_any_damage_to_the_header_gives_a_header_or_a_format_error(
    header_bytes: bytes, cut: int, noise: bytes
) -> None:
    """Whatever the bytes, the reader answers with a header or GGUFFormatError, never a crash."""
    damaged = header_bytes[:cut] + noise + header_bytes[cut + len(noise) :]
    with contextlib.suppress(GGUFFormatError):
        parse_header(damaged)


def _vocabulary(words: int) -> bytes:
    """A string array too long to keep (a vocabulary), as its key's value."""
    return struct.pack("<IIQ", 9, 8, words) + b"".join(_text(b"w%d" % n) for n in range(words))


def test_a_vocabulary_is_stepped_over_to_the_entries_after_it() -> None:
    body = _text(b"tokenizer.ggml.tokens") + _vocabulary(100)
    body += _text(b"general.architecture") + struct.pack("<I", 8) + _text(b"llama")
    header = parse_header(_entries(0, 2, body))
    assert header.metadata["tokenizer.ggml.tokens"] == 100
    assert header.architecture == "llama"


@pytest.mark.parametrize("cut", [9, 30, 500])
def test_a_vocabulary_cut_short_is_a_format_error(cut: int) -> None:
    body = _text(b"tokenizer.ggml.tokens") + _vocabulary(100)
    data = b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + body
    with pytest.raises(GGUFFormatError, match="ends early"):
        parse_header(data[: len(data) - cut])
