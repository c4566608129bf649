"""The speed probe measures the machine once with the starter model, and remembers it."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from desktop.core.inference import speed_probe
from desktop.core.inference.selfcheck import build_fingerprint
from desktop.core.inference.speed_probe import MeasurementStoppedError, SpeedProbe
from desktop.core.modelfile.model_info import describe
from desktop.core.modelfile.speed import MachineSpeed, estimate_speed


def test_the_machine_is_measured_once_and_remembered(
    starter_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "cache" / "speed.json"
    probe = SpeedProbe(record, starter_model, None)
    assert probe.remembered() is None
    speed = probe.machine_speed(2)
    assert speed.token_seconds > 0 and speed.layer_seconds > 0
    assert speed.bytes_per_second > 10**8 and speed.reading_rate > 10**8
    assert json.loads(record.read_text())[build_fingerprint()] == speed.to_dict()
    assert record.stat().st_mode & 0o777 == 0o600

    def measure_again(*_args: object) -> MachineSpeed:
        raise AssertionError("measured twice")

    monkeypatch.setattr(speed_probe, "measure", measure_again)
    assert SpeedProbe(record, starter_model, None).machine_speed(2) == speed

    # What the library makes of the figures (bench_estimate.py sets it beside the truth).
    info = describe(starter_model)
    estimate = estimate_speed(
        speed, info.file_size, info.layer_parameters, info.shape.layers, info.quantization
    )
    assert estimate.writing > 0 and estimate.reading > 0


def test_a_damaged_record_is_measured_again(starter_model: Path, tmp_path: Path) -> None:
    record = tmp_path / "speed.json"
    record.write_text("{not json")
    assert SpeedProbe(record, starter_model, None).remembered() is None
    record.write_text(json.dumps({build_fingerprint(): {"layer_seconds": -1}}))
    assert SpeedProbe(record, starter_model, None).remembered() is None


def test_a_measurement_stopped_for_a_question_keeps_nothing(
    starter_model: Path, tmp_path: Path
) -> None:
    record = tmp_path / "speed.json"
    probe = SpeedProbe(record, starter_model, None)
    stop = threading.Event()
    stop.set()  # a question came first: nothing is begun
    with pytest.raises(MeasurementStoppedError):
        probe.machine_speed(2, stop)
    assert (probe.measurements, probe.finished, probe.running) == (0, 0, False)

    stop = threading.Event()
    steps = 0

    def stop_soon(*_args: object) -> float:
        nonlocal steps
        steps += 1
        stop.set()  # a question comes while memory is measured
        return 1e10

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(speed_probe, "memory_bytes_per_second", stop_soon)
        with pytest.raises(MeasurementStoppedError):
            probe.machine_speed(2, stop)  # it stops before the model is run
    assert steps == 1 and (probe.measurements, probe.finished, probe.running) == (1, 0, False)
    assert not record.exists()
