"""The starter model's header and this machine, for the tests of load settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.hardware.snapshot import MachineInfo
from desktop.core.modelfile.gguf import GGUFHeader, read_header


@pytest.fixture(scope="module")
def model(starter_model: Path) -> tuple[GGUFHeader, int]:
    return read_header(starter_model), starter_model.stat().st_size


@pytest.fixture(scope="module")
def machine() -> MachineInfo:
    return HardwareSampler(nvml=None).machine()
