"""The chat settings panel: the preset, the system prompt and sampling."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.chat.presets import Preset
from desktop.core.chat.settings import ChatSettings
from desktop.core.inference.types import Sampling
from desktop.ui.chat.chip_box import ChipBox
from desktop.ui.theme import set_type
from desktop.ui.widgets.icon_button import IconButton

_PROMPT_DELAY_MS = 400
_WIDTH = 280
_SMALLEST_CTX = 512
_LARGEST_CTX = 131_072
_RANDOM_SEED = -1
"""The seed box's value for "random" (``Sampling.seed is None``)."""


class ChatSettingsPanel(QWidget):
    """Edits a conversation's settings.

    The user's changes are reported whole, as a ``ChatSettings``; typing in the system prompt
    is reported once the typing pauses (or the prompt loses the focus).

    Attributes:
        preset_box: the presets, shipped ones first; each item's data is its preset id. The
            window shows it above the composer, where it stays in view while the panel is
            closed.
        prompt_edit: the system prompt.
        save_button: saves the system prompt as a new preset.
        delete_button: deletes the chosen preset (custom presets only).
        temperature, top_p, top_k, min_p, repeat_penalty, max_tokens, seed: the sampling
            fields (the seed box's lowest value means random).
        context_length: the context length; its lowest value (0) means the model's default.
        reset_button: puts back the default preset, sampling and context length.

    Signals:
        settings_changed(object): the user changed something; carries the new
            ``ChatSettings``.
        preset_save_requested(str, str): the name the user gave a new preset and its system
            prompt.
        preset_delete_requested(str): the id of the custom preset the user chose to delete.
    """

    settings_changed = Signal(object)
    preset_save_requested = Signal(str, str)
    preset_delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._presets: dict[str, Preset] = {}
        self._preset_id = ChatSettings().preset_id
        self._quiet = False
        self._prompt_timer = QTimer(self)
        self._prompt_timer.setSingleShot(True)
        self._prompt_timer.setInterval(_PROMPT_DELAY_MS)
        self._prompt_timer.timeout.connect(self._report)

        self.preset_box = ChipBox()
        self.preset_box.activated.connect(self._preset_chosen)
        self.save_button = IconButton(
            "floppy-disk", self.tr("Keep this system prompt as a preset of your own")
        )
        self.save_button.clicked.connect(self._save_preset)
        self.delete_button = IconButton(
            "trash", self.tr("Delete this preset (only your own can be deleted)")
        )
        self.delete_button.clicked.connect(self._delete_preset)
        self.prompt_edit = QPlainTextEdit()
        self.prompt_edit.setPlaceholderText(self.tr("No system prompt"))
        self.prompt_edit.setToolTip(
            self.tr("Instructions the model reads before the conversation, on every reply")
        )
        self.prompt_edit.setMinimumHeight(120)
        self.prompt_edit.textChanged.connect(self._prompt_edited)
        self.prompt_edit.installEventFilter(self)

        self.temperature = self._fraction_box(0.0, 2.0, 0.05)
        self.temperature.setToolTip(
            self.tr(
                "How adventurous the wording is: low values are focused and repeatable,"
                " high values more varied."
            )
        )
        self.top_p = self._fraction_box(0.0, 1.0, 0.05)
        self.top_p.setToolTip(
            self.tr(
                "Only the likeliest next words whose chances add up to this share are"
                " considered; 1 considers them all."
            )
        )
        self.top_k = self._whole_box(0, 200, 5)
        self.top_k.setSpecialValueText(self.tr("Off"))
        self.top_k.setToolTip(
            self.tr("Only this many of the likeliest next words are considered; Off considers all.")
        )
        self.min_p = self._fraction_box(0.0, 1.0, 0.01)
        self.min_p.setSpecialValueText(self.tr("Off"))
        self.min_p.setToolTip(
            self.tr(
                "Words less likely than this share of the likeliest word are never chosen;"
                " Off keeps them all."
            )
        )
        self.repeat_penalty = self._fraction_box(1.0, 2.0, 0.05)
        self.repeat_penalty.setSpecialValueText(self.tr("Off"))
        self.repeat_penalty.setToolTip(
            self.tr("How strongly the model is kept from repeating itself; Off does not hold it.")
        )
        self.max_tokens = self._whole_box(1, 32_768, 64)
        self.max_tokens.setToolTip(
            self.tr(
                "The longest a reply may be, in tokens (a token is about three quarters of a word)."
            )
        )
        self.seed = self._whole_box(_RANDOM_SEED, 2**31 - 1, 1)
        self.seed.setSpecialValueText(self.tr("Random"))
        self.seed.setToolTip(
            self.tr(
                "Random gives a new reply each time; a number gives the same reply to the same"
                " prompt and settings."
            )
        )
        self.context_length = self._whole_box(0, _LARGEST_CTX, _SMALLEST_CTX)
        self.context_length.setSpecialValueText(self.tr("Model default"))
        self.context_length.setSuffix(self.tr(" tokens"))
        self.context_length.setToolTip(
            self.tr(
                "How much of the conversation the model keeps in view, in tokens; more takes"
                " more memory."
            )
        )
        self.reset_button = IconButton(
            "arrow-counter-clockwise",
            self.tr("Go back to the default preset, sampling and context length"),
        )
        self.reset_button.clicked.connect(self._reset)
        form = QFormLayout()  # each label above its field: the numbers get the whole width
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Top-p"), self.top_p)
        form.addRow(self.tr("Top-k"), self.top_k)
        form.addRow(self.tr("Min-p"), self.min_p)
        form.addRow(self.tr("Repeat penalty"), self.repeat_penalty)
        form.addRow(self.tr("Max tokens"), self.max_tokens)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Context length"), self.context_length)

        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        # Each heading with its actions as icons at its right: whole at the narrowest.
        fields_layout.addLayout(
            self._heading(self.tr("System prompt"), self.save_button, self.delete_button)
        )
        fields_layout.addWidget(self.prompt_edit, 1)
        fields_layout.addLayout(self._heading(self.tr("Sampling"), self.reset_button))
        fields_layout.addLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        self.setMinimumWidth(_WIDTH * 3 // 4)

        with self._quietly():
            self._load(ChatSettings())

    def sizeHint(self) -> QSize:
        return QSize(_WIDTH, super().sizeHint().height())

    def set_presets(self, presets: list[Preset]) -> None:
        """Offer *presets*, keeping the chosen one if it is still there. Emits nothing.

        If the chosen preset is gone, the default one is shown in its place.
        """
        self._presets = {preset.id: preset for preset in presets}
        self.preset_box.clear()
        shipped = [preset for preset in presets if not preset.custom]
        custom = [preset for preset in presets if preset.custom]
        for preset in shipped:
            self._add_preset(preset)
        if shipped and custom:
            self.preset_box.insertSeparator(self.preset_box.count())
        for preset in custom:
            self._add_preset(preset)
        if self._presets and self._preset_id not in self._presets:
            self._preset_id = self._default_preset_id()
        self._show_preset()

    def set_settings(self, settings: ChatSettings) -> None:
        """Show *settings* (another conversation's, say). Emits nothing.

        A system prompt edit not yet reported is dropped: it belonged to what was shown before.
        """
        self._prompt_timer.stop()
        with self._quietly():
            self._load(settings)

    def settings(self) -> ChatSettings:
        """The settings shown now."""
        seed = self.seed.value()
        return ChatSettings(
            preset_id=self._preset_id,
            system_prompt=self.prompt_edit.toPlainText(),
            sampling=Sampling(
                temperature=self.temperature.value(),
                top_p=self.top_p.value(),
                top_k=self.top_k.value(),
                min_p=self.min_p.value(),
                repeat_penalty=self.repeat_penalty.value(),
                max_tokens=self.max_tokens.value(),
                seed=None if seed == _RANDOM_SEED else seed,
            ),
            n_ctx=self.context_length.value(),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Leaving the prompt (to open another conversation, say) reports the edit at once.
        if (
            watched is self.prompt_edit
            and event.type() == QEvent.Type.FocusOut
            and self._prompt_timer.isActive()
        ):
            self._report()
        return super().eventFilter(watched, event)

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Change the fields without reporting the changes as the user's."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _load(self, settings: ChatSettings) -> None:
        sampling = settings.sampling
        self._preset_id = settings.preset_id
        if self._presets and self._preset_id not in self._presets:
            self._preset_id = self._default_preset_id()
        self.prompt_edit.setPlainText(settings.system_prompt)
        self.temperature.setValue(sampling.temperature)
        self.top_p.setValue(sampling.top_p)
        self.top_k.setValue(sampling.top_k)
        self.min_p.setValue(sampling.min_p)
        self.repeat_penalty.setValue(sampling.repeat_penalty)
        self.max_tokens.setValue(sampling.max_tokens)
        self.seed.setValue(_RANDOM_SEED if sampling.seed is None else sampling.seed)
        self.context_length.setValue(settings.n_ctx)
        self._show_preset()

    def _add_preset(self, preset: Preset) -> None:
        self.preset_box.addItem(preset.name, preset.id)
        self.preset_box.setItemData(
            self.preset_box.count() - 1, preset.description, Qt.ItemDataRole.ToolTipRole
        )

    def _default_preset_id(self) -> str:
        default = ChatSettings().preset_id
        if default in self._presets or not self._presets:
            return default
        return next(iter(self._presets))

    def _show_preset(self) -> None:
        """Select the chosen preset, marked as edited if the prompt is no longer its own."""
        preset = self._presets.get(self._preset_id)
        edited = preset is not None and not preset.uses(self.prompt_edit.toPlainText())
        for index in range(self.preset_box.count()):
            preset_id = self.preset_box.itemData(index)
            if preset_id is None:  # the separator
                continue
            name = self._presets[preset_id].name
            if edited and preset_id == self._preset_id:
                name = self.tr("{name} (edited)").format(name=name)
            self.preset_box.setItemText(index, name)
        self.preset_box.setCurrentIndex(self.preset_box.findData(self._preset_id))
        self.preset_box.setToolTip(preset.description if preset else "")
        self.delete_button.setEnabled(preset is not None and preset.custom)

    def _fraction_box(self, lowest: float, highest: float, step: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(lowest, highest)
        box.setSingleStep(step)
        box.setDecimals(2)
        self._report_changes_of(box)
        return box

    def _whole_box(self, lowest: int, highest: int, step: int) -> QSpinBox:
        box = QSpinBox()
        box.setRange(lowest, highest)
        box.setSingleStep(step)
        self._report_changes_of(box)
        return box

    def _report_changes_of(self, box: QSpinBox | QDoubleSpinBox) -> None:
        # Typed numbers count when confirmed, not at each key ("2048" is not 2, 20, 204).
        box.setKeyboardTracking(False)
        box.setAlignment(Qt.AlignmentFlag.AlignRight)
        box.setMinimumWidth(1)  # not as wide as its largest value: the row's width, whole
        box.valueChanged.connect(self._field_changed)

    @staticmethod
    def _heading(text: str, *actions: QWidget) -> QHBoxLayout:
        label = QLabel(text)
        label.setWordWrap(True)
        set_type(label, "subtitle")
        label.setStyleSheet("QLabel { font-weight: 600; }")
        row = QHBoxLayout()
        row.addWidget(label, 1)
        for action in actions:
            row.addWidget(action, 0, Qt.AlignmentFlag.AlignTop)
        return row

    @Slot()
    def _field_changed(self) -> None:
        if self._quiet:
            return
        context = self.context_length.value()
        if 0 < context < _SMALLEST_CTX:  # models need at least this much room
            self.context_length.setValue(_SMALLEST_CTX)  # reports through this slot again
            return
        self._report()

    @Slot()
    def _prompt_edited(self) -> None:
        if self._quiet:
            return
        self._show_preset()
        self._prompt_timer.start()

    @Slot(int)
    def _preset_chosen(self, index: int) -> None:
        preset = self._presets.get(self.preset_box.itemData(index))
        if preset is None:
            return
        self._preset_id = preset.id
        with self._quietly():
            self.prompt_edit.setPlainText(preset.system_prompt)
        self._show_preset()
        self._report()

    @Slot()
    def _report(self) -> None:
        self._prompt_timer.stop()
        self.settings_changed.emit(self.settings())

    @Slot()
    def _save_preset(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("Save as preset"), self.tr("Name of the new preset:")
        )
        if ok and name.strip():
            self.preset_save_requested.emit(name.strip(), self.prompt_edit.toPlainText())

    @Slot()
    def _delete_preset(self) -> None:
        preset = self._presets.get(self._preset_id)
        if preset is None or not preset.custom:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete preset"),
            self.tr(
                "Delete the preset “{name}”? Conversations that use it keep their system prompt."
            ).format(name=preset.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.preset_delete_requested.emit(preset.id)

    @Slot()
    def _reset(self) -> None:
        preset_id = self._default_preset_id()
        preset = self._presets.get(preset_id)
        self.set_settings(
            ChatSettings(preset_id=preset_id, system_prompt=preset.system_prompt if preset else "")
        )
        self._report()
