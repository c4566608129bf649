"""The processor's name and the instruction sets read from llama.cpp's system information."""

from __future__ import annotations

import platform
from pathlib import Path

import llama_cpp
import pytest

from desktop.core.hardware.cpu import cpu_name, instruction_sets, llama_instruction_sets


def test_instruction_sets_of_this_build() -> None:
    info = llama_cpp.llama_print_system_info()
    found = llama_instruction_sets()
    assert found
    for name in found:
        assert f"{name} = 1".encode() in info


def test_only_enabled_cpu_instruction_sets_are_kept() -> None:
    info = (
        b"CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX_VNNI = 0 | AVX2 = 1 | F16C = 1 | FMA = 1 | "
        b"BMI2 = 1 | AVX512 = 0 | LLAMAFILE = 1 | OPENMP = 1 | REPACK = 1 | "
    )
    assert instruction_sets(info) == ("SSE3", "SSSE3", "AVX", "AVX2", "F16C", "FMA", "BMI2")


def test_other_backends_features_are_not_instruction_sets() -> None:
    info = (
        b"CUDA : ARCHS = 890 | USE_GRAPHS = 1 | PEER_MAX_BATCH_SIZE = 128 | "
        b"CPU : NEON = 1 | ARM_FMA = 1 | SVE_CNT = 16 | DOTPROD = 1 | KLEIDIAI = 1 | "
    )
    assert instruction_sets(info) == ("NEON", "ARM_FMA", "DOTPROD")


def test_older_builds_without_backend_names() -> None:
    assert instruction_sets(b"AVX = 1 | AVX2 = 0 | FMA = 1 | ") == ("AVX", "FMA")
    assert instruction_sets(b"") == ()


def test_cpu_name_from_linux_cpuinfo(tmp_path: Path) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(
        "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Core(TM) i7\n"
    )
    assert cpu_name(cpuinfo) == "Intel(R) Core(TM) i7"


def test_cpu_name_without_cpuinfo_asks_the_platform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(platform, "processor", lambda: "arm")
    assert cpu_name(tmp_path / "missing") == "arm"
    monkeypatch.setattr(platform, "processor", lambda: "")
    assert cpu_name(tmp_path / "missing") == "unknown processor"


def test_cpu_name_of_this_machine() -> None:
    assert cpu_name()
