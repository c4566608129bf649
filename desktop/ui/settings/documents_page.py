"""Settings → Documents: the embedding model that finds passages, and how many go with each
question."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from desktop.core.app_settings import (
    DEFAULT_PASSAGES,
    MAX_PASSAGES,
    PASSAGES_PER_QUESTION,
    AppSettings,
)
from desktop.core.documents.embedder import EMBEDDER_NAME, EMBEDDER_PATH
from desktop.core.documents.embedding_choice import chosen_embedder_path, passages_per_question
from desktop.core.vault.preferences import ModelChoices
from desktop.ui.settings.page import SettingsPage, choose_data, note


class DocumentsPage(SettingsPage):
    """The embedding model that indexes and searches the user's documents (the one built
    in, or one installed in the model library), and the passages given with each question.

    Attributes:
        embedding_model: ``QComboBox``, data: the model's path as text, the built-in first.
        passages: ``QSpinBox``, the passages given with each question.

    Signals:
        embedding_model_changed(Path): index and search with this model from now on.
        passages_changed(int): give this many passages with each question.
    """

    embedding_model_changed = Signal(Path)
    passages_changed = Signal(int)

    def __init__(
        self,
        settings: AppSettings,
        choices: ModelChoices,
        models: Sequence[tuple[str, Path]],
        parent: QWidget | None = None,
    ) -> None:
        """*models* are the embedding models installed, as (name shown, path); *choices*
        keeps the one chosen (in the vault, not in *settings*)."""
        super().__init__(settings, parent)
        self.setWindowTitle(self.tr("Documents"))
        self._choices = choices
        self.embedding_model = QComboBox()
        self.embedding_model.addItem(
            self.tr("{name} (English, built in)").format(name=EMBEDDER_NAME), str(EMBEDDER_PATH)
        )
        for name, path in models:
            self.embedding_model.addItem(name, str(path))
        chosen = chosen_embedder_path(choices, [path for _, path in models])
        choose_data(self.embedding_model, str(chosen))
        self.embedding_model.activated.connect(self._embedding_model_chosen)
        self.form.addRow(self.tr("&Embedding model:"), self.embedding_model)
        self.form.addRow(
            note(
                self.tr(
                    "It finds the passages of your documents that answer a question. The "
                    "built-in model reads English best; download one for other languages "
                    "from the model library (Embedding, for documents). Collections made "
                    "with another model are indexed again, after Sotto asks, the next "
                    "time they are updated."
                )
            )
        )

        self.passages = QSpinBox()
        self.passages.setRange(1, MAX_PASSAGES)
        self.passages.setValue(passages_per_question(settings))
        self.passages.valueChanged.connect(self._passages_changed)
        self.form.addRow(self.tr("&Passages given with each question:"), self.passages)
        self.form.addRow(
            note(
                self.tr(
                    "More passages give the model more to go on, and take more of what it "
                    "can remember. {n} suits most models."
                ).format(n=DEFAULT_PASSAGES)
            )
        )

    @Slot()
    def _embedding_model_chosen(self) -> None:
        path = Path(self.embedding_model.currentData())
        chosen = None if path == EMBEDDER_PATH else path
        self.save_in_vault(lambda: self._choices.set_embedding_model(chosen))
        self.embedding_model_changed.emit(path)

    @Slot(int)
    def _passages_changed(self, passages: int) -> None:
        self.save(PASSAGES_PER_QUESTION, None if passages == DEFAULT_PASSAGES else passages)
        self.passages_changed.emit(passages)
