"""The hardware gauge in the window, with the real sampler (psutil) and the real model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.core.hardware.sampler import HardwareSampler
from desktop.ui.hardware_details import HardwareDetails
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import TIMEOUT_MS, when_modal


def test_gauge_updates_while_a_reply_streams(
    qtbot: QtBot, make_window: Callable[..., MainWindow], starter_model: Path
) -> None:
    window = make_window(max_tokens=600)
    gauge = window.gauge
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(starter_model)
    assert gauge.isVisible() and gauge.sampling
    assert gauge.cpu.text().startswith("CPU ")
    assert "RAM" in gauge.memory.text()
    assert gauge.model_label.text().startswith("Model 98")
    window.send("Write a long story about a lighthouse keeper.")
    qtbot.wait_until(lambda: any(value > 0 for value in gauge.speed_line.values), timeout=15_000)
    assert gauge.speed_label.text().endswith("tokens/s")
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.client.stop()
    assert gauge.speed_label.text() == ""
    assert len(gauge.cpu_line.values) >= 2


def test_gauge_samples_only_while_shown(window: MainWindow) -> None:
    window.hide()
    assert not window.gauge.sampling
    window.show()
    assert window.gauge.sampling


def test_detail_view_opens_with_the_machine_and_the_settings(
    qtbot: QtBot, window: MainWindow
) -> None:
    seen: list[str] = []

    def read_and_close(dialog: QDialog) -> None:
        assert isinstance(dialog, HardwareDetails)
        seen.append(dialog.text.text())
        dialog.reject()

    when_modal(qtbot, read_and_close)
    window.gauge.clicked.emit()
    report = seen[0]
    assert "Instruction sets the inference build uses:" in report
    assert "No NVIDIA GPU" in report  # no NVML here: the GPU part says so, without an error
    assert "context 4096 tokens" in report and "batch 512" in report
    assert "Hints" in report


class BrokenNVML(SimpleNamespace):
    """Stands in for pynvml where the driver fails (no GPU can exist on this machine)."""

    class NVMLError(Exception):
        pass

    def nvmlInit(self) -> None:
        raise self.NVMLError("Driver Not Loaded")


def test_detail_view_says_when_gpu_figures_are_unavailable(window: MainWindow) -> None:
    sampler = HardwareSampler(nvml=BrokenNVML())
    details = HardwareDetails(sampler.machine(), sampler.sample(), window.loaded_model, None)
    assert "GPU figures are unavailable" in details.text.text()
    assert "Driver Not Loaded" in details.text.text()
