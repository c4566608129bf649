"""Settings → Models: the model Sotto starts with, and how models are loaded."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from desktop.core.app_settings import (
    MAX_GPU_LAYERS,
    MODEL_CONTEXT,
    MODEL_GPU_LAYERS,
    MODEL_THREADS,
    AppSettings,
)
from desktop.core.inference.load_overrides import LoadOverrides
from desktop.core.library.names import display_name
from desktop.core.vault.preferences import ModelChoices
from desktop.ui.settings.page import SettingsPage, choose_data, note

CONTEXT_LENGTHS = (2048, 4096, 8192, 16384, 32768, 65536, 131072)
"""The context lengths offered besides automatic, in tokens."""


class ModelsPage(SettingsPage):
    """The default model, and the load settings every model gets from its next load on:
    processor threads, layers on the graphics card, context length. Each left at automatic
    is the hardware's choice (``desktop.core.services.load_settings``).

    Attributes:
        default_model: the installed models (``QComboBox``, data: the path as text).
        threads, gpu_layers: ``QSpinBox``; their lowest value means automatic.
        context: the context length (``QComboBox``, data: tokens, 0: automatic).

    Signals:
        default_model_changed(Path): new chats and the next start load this model.
        load_settings_changed(): threads, GPU layers or context changed; they apply when a
            model is next loaded.
    """

    default_model_changed = Signal(Path)
    load_settings_changed = Signal()

    def __init__(
        self,
        settings: AppSettings,
        choices: ModelChoices,
        models: Sequence[tuple[str, Path]],
        parent: QWidget | None = None,
    ) -> None:
        """*choices* keeps the default model (in the vault, not in *settings*)."""
        super().__init__(settings, parent)
        self.setWindowTitle(self.tr("Models"))
        self._choices = choices
        overrides = LoadOverrides.read(settings)

        self.default_model = QComboBox()
        for _, path in models:  # by the name people know it by; its file's name on hover
            self.default_model.addItem(display_name(path), str(path))
            index = self.default_model.count() - 1
            self.default_model.setItemData(index, path.name, Qt.ItemDataRole.ToolTipRole)
        self.default_model.setEnabled(bool(models))
        chosen = choices.default_model([path for _, path in models])
        choose_data(self.default_model, str(chosen))
        self.default_model.activated.connect(self._default_model_chosen)
        self.form.addRow(self.tr("&Default model:"), self.default_model)
        self.form.addRow(note(self.tr("New chats use it, and Sotto loads it when it starts.")))

        self.threads = QSpinBox()
        self.threads.setSpecialValueText(self.tr("Automatic (one per processor core)"))
        self.threads.setRange(0, max(os.cpu_count() or 1, overrides.n_threads))
        self.threads.setValue(overrides.n_threads)
        self.threads.valueChanged.connect(self._threads_changed)
        self.form.addRow(self.tr("Processor &threads:"), self.threads)

        self.gpu_layers = QSpinBox()
        self.gpu_layers.setSpecialValueText(self.tr("Automatic (all when they fit)"))
        self.gpu_layers.setRange(-1, MAX_GPU_LAYERS)
        self.gpu_layers.setValue(-1 if overrides.n_gpu_layers is None else overrides.n_gpu_layers)
        self.gpu_layers.valueChanged.connect(self._gpu_layers_changed)
        self.form.addRow(self.tr("&Graphics card layers:"), self.gpu_layers)
        self.form.addRow(
            note(
                self.tr(
                    "How many of a model's layers the graphics card runs; 0 runs the whole "
                    "model on the processor. It matters only when Sotto was built with "
                    "graphics card support."
                )
            )
        )

        self.context = QComboBox()
        self.context.addItem(self.tr("Automatic (the longest that fits the memory)"), 0)
        lengths = sorted({*CONTEXT_LENGTHS, overrides.n_ctx} - {0})
        for tokens in lengths:
            self.context.addItem(self.tr("{tokens} tokens").format(tokens=_number(tokens)), tokens)
        choose_data(self.context, overrides.n_ctx)
        self.context.activated.connect(self._context_chosen)
        self.form.addRow(self.tr("&Context length:"), self.context)
        self.form.addRow(
            note(
                self.tr(
                    "How much of a conversation a model remembers. Longer needs more memory; "
                    "a model never gets more than it was trained for. These settings apply "
                    "the next time a model is loaded."
                )
            )
        )

    @Slot()
    def _default_model_chosen(self) -> None:
        path = Path(self.default_model.currentData())
        self.save_in_vault(lambda: self._choices.set_default_model(path))
        self.default_model_changed.emit(path)

    @Slot(int)
    def _threads_changed(self, threads: int) -> None:
        self.save(MODEL_THREADS, threads or None)
        self.load_settings_changed.emit()

    @Slot(int)
    def _gpu_layers_changed(self, layers: int) -> None:
        self.save(MODEL_GPU_LAYERS, None if layers < 0 else layers)
        self.load_settings_changed.emit()

    @Slot()
    def _context_chosen(self) -> None:
        self.save(MODEL_CONTEXT, int(self.context.currentData()) or None)
        self.load_settings_changed.emit()


def _number(value: int) -> str:
    return QLocale().toString(value)
