"""The gauge's detail view: the machine, the settings in force, and what could be better."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.core.hardware.hints import Hint, ModelUse, hints
from desktop.core.hardware.snapshot import MachineInfo, Snapshot
from desktop.core.inference.types import LoadedModel
from desktop.text.messages import sentence
from desktop.text.units import format_bytes


def hint_text(hint: Hint) -> str:
    """*hint* in the user's language."""
    return sentence(hint.context, hint.template, hint.params)


def model_use(model: LoadedModel) -> ModelUse:
    settings = model.settings
    return ModelUse(
        name=model.name,
        weights=model.weights,
        kv_cache=model.kv_cache,
        n_ctx=model.n_ctx,
        n_threads=settings.n_threads,
        n_gpu_layers=settings.n_gpu_layers,
        n_batch=settings.n_batch,
    )


class HardwareDetails(QDialog):
    """Everything the gauge knows, in sentences.

    Attributes:
        text: the label holding the report (rich text).
        gpu_details: what the NVIDIA driver said when it failed, apart from the sentences
            (hidden when it did not).
    """

    def __init__(
        self,
        machine: MachineInfo,
        snapshot: Snapshot,
        model: LoadedModel | None,
        speed: float | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hardware"))
        self.setMinimumWidth(560)
        use = model_use(model) if model else None
        sections = [
            self._section(
                self.tr("Processor"),
                [
                    self.tr("{name}, {physical} cores ({logical} threads)").format(
                        name=machine.cpu_name,
                        physical=machine.physical_cores,
                        logical=machine.logical_cores,
                    ),
                    self.tr("Instruction sets the inference build uses: {sets}").format(
                        sets=", ".join(machine.instruction_sets) or self.tr("none reported")
                    ),
                ],
            ),
            self._section(
                self.tr("Memory"),
                [
                    self.tr("{total} in all, {free} free now; Sotto uses {app}").format(
                        total=format_bytes(machine.memory_total),
                        free=format_bytes(snapshot.memory_available),
                        app=format_bytes(snapshot.app_memory),
                    ),
                ],
            ),
            self._section(self.tr("Graphics"), self._gpu_lines(machine, snapshot)),
            self._section(self.tr("Inference settings in force"), self._model_lines(use)),
        ]
        found = hints(snapshot, machine, use, speed)
        advice = [hint_text(hint) for hint in found] or [
            self.tr("Nothing to report: everything runs as well as this machine allows.")
        ]
        sections.append(self._section(self.tr("Hints"), advice))
        self.text = QLabel("".join(sections))
        self.text.setWordWrap(True)
        # The driver's own words, in English, apart from the sentences: for support.
        error = snapshot.gpu_error or machine.gpu_error
        self.gpu_details = QLabel(
            self.tr("Details: {details}").format(details=error) if error else ""
        )
        self.gpu_details.setWordWrap(True)
        self.gpu_details.setTextFormat(Qt.TextFormat.PlainText)
        self.gpu_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.gpu_details.setVisible(bool(error))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.gpu_details)
        layout.addWidget(buttons)

    def _gpu_lines(self, machine: MachineInfo, snapshot: Snapshot) -> list[str]:
        lines = [
            self.tr("{name} (driver {driver}), {total} of video memory").format(
                name=gpu.name, driver=gpu.driver, total=format_bytes(gpu.vram_total)
            )
            for gpu in machine.gpus
        ]
        if snapshot.gpu_error or machine.gpu_error:  # what the driver said: the details
            lines.append(
                self.tr(
                    "The NVIDIA driver is installed but does not answer, so GPU figures are "
                    "unavailable. Restarting the computer often brings it back."
                )
            )
        if not lines:
            lines.append(self.tr("No NVIDIA GPU: the model runs on the processor."))
        return lines

    def _model_lines(self, use: ModelUse | None) -> list[str]:
        if use is None:
            return [self.tr("No model loaded.")]
        return [
            self.tr("{name}: weights {weights}, context memory {kv}").format(
                name=use.name, weights=format_bytes(use.weights), kv=format_bytes(use.kv_cache)
            ),
            self.tr(
                "{threads} threads, {layers} GPU layers, context {ctx} tokens, batch {batch}"
            ).format(
                threads=use.n_threads,
                layers=self.tr("all") if use.n_gpu_layers < 0 else use.n_gpu_layers,
                ctx=use.n_ctx,
                batch=use.n_batch,
            ),
        ]

    @staticmethod
    def _section(title: str, lines: list[str]) -> str:
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        return f"<h4>{escape(title)}</h4><ul>{items}</ul>"
