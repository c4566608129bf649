"""The hardware gauge in the window, with the real sampler (psutil) and the real model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QDialog, QMainWindow
from pytestqt.qtbot import QtBot

from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.inference.types import LoadedModel, LoadSettings
from desktop.core.modelfile.gguf import read_header
from desktop.ui.hardware.gauge import Form, HardwareGauge
from desktop.ui.hardware.hardware_details import HardwareDetails
from desktop.ui.window.main_window import MainWindow
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
    assert "Driver Not Loaded" not in details.text.text()  # the driver's words: details only
    assert not details.gpu_details.isHidden()
    assert "Driver Not Loaded" in details.gpu_details.text()


STATUS_TEXTS = {
    "en": "24 tokens · 12.3 tokens/s · first token after 0.45 s",
    "zh_CN": "24 个词元 · 12.3 词元/秒 · 首个词元出现于 0.45 秒后",
}


@pytest.fixture
def starter_loaded(starter_model: Path) -> LoadedModel:
    """The starter model as the engine holds it after a load with the default settings."""
    return LoadedModel(starter_model, read_header(starter_model), 4096, LoadSettings())


def status_window(
    qtbot: QtBot, width: int, model: LoadedModel
) -> tuple[QMainWindow, HardwareGauge]:
    """A window of *width* with the gauge in its status bar, as the main window has it,
    *model* loaded and a reply's speed shown."""
    window = QMainWindow()
    qtbot.add_widget(window)
    gauge = HardwareGauge(HardwareSampler())
    gauge.set_model(model)
    window.statusBar().addPermanentWidget(gauge)
    window.resize(width, 600)
    window.show()
    gauge.set_speed(12.3)
    gauge.refresh()
    return window, gauge


def message_room(window: QMainWindow, gauge: HardwareGauge) -> int:
    """The width the status bar has for its text: up to the gauge (Qt draws it from 6 px)."""
    window.statusBar().layout().activate()
    return gauge.x() - 2 - 6


@pytest.mark.parametrize("language", STATUS_TEXTS)
def test_the_gauge_gives_way_to_the_status_text_at_1024_px(
    qtbot: QtBot, language: str, starter_loaded: LoadedModel
) -> None:
    window, gauge = status_window(qtbot, 1024, starter_loaded)
    bar = window.statusBar()
    bar.showMessage(STATUS_TEXTS[language])
    needed = bar.fontMetrics().horizontalAdvance(bar.currentMessage())
    qtbot.wait_until(lambda: message_room(window, gauge) >= needed)
    assert gauge.form > Form.FULL
    assert gauge.cpu.isVisible() and gauge.memory.isVisible()
    assert gauge.width() >= gauge.sizeHint().width()  # the gauge is not clipped either
    assert "Sotto" in gauge.toolTip()  # every figure is still a hover away


def test_the_gauge_shows_everything_when_there_is_room_and_shrinks_on_resize(
    qtbot: QtBot, starter_loaded: LoadedModel
) -> None:
    window, gauge = status_window(qtbot, 1800, starter_loaded)
    window.statusBar().showMessage("Ready")
    qtbot.wait_until(lambda: gauge.form == Form.FULL)
    assert gauge.speed_line.isVisible() and "Sotto" in gauge.cpu.text()
    window.resize(1024, 600)
    window.statusBar().showMessage(STATUS_TEXTS["en"])
    qtbot.wait_until(lambda: gauge.form > Form.FULL)
    window.resize(500, 600)
    qtbot.wait_until(lambda: gauge.form == Form.MINIMAL)
    assert not gauge.cpu_line.isVisible() and not gauge.model_label.isVisible()
    window.statusBar().clearMessage()
    window.resize(1800, 600)
    qtbot.wait_until(lambda: gauge.form == Form.FULL)


def test_the_compact_forms_are_small(qtbot: QtBot, starter_loaded: LoadedModel) -> None:
    _window, gauge = status_window(qtbot, 1800, starter_loaded)
    full, compact, minimal = (gauge.width_of(form) for form in Form)
    assert minimal < compact < full
    assert minimal <= 200
    gauge.set_form(Form.MINIMAL)
    assert gauge.minimumSizeHint().width() <= 200
    assert gauge.sizeHint().width() <= 220
