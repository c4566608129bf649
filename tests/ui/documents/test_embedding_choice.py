"""Choosing the embedding model: Settings → Documents saves and shows the choice, the model
picker leaves embedding models out, and the choice reaches the model that is loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.app_settings import PASSAGES_PER_QUESTION, AppSettings
from desktop.core.documents.embedder import EMBEDDER_NAME, EMBEDDER_PATH
from desktop.core.documents.embedder_errors import EmbedderMissingError
from desktop.core.documents.embedding_choice import (
    chosen_embedder_path,
    embedding_models,
    passages_per_question,
)
from desktop.core.paths import AppPaths
from desktop.core.services import open_library, open_servers
from desktop.core.vault.preferences import ModelChoices
from desktop.core.vault.store import ConversationStore
from desktop.ui.documents.embedding import ChosenEmbedder, SharedEmbedder
from desktop.ui.models.model_picker import ModelPicker
from desktop.ui.settings.documents_page import DocumentsPage
from tests.embedder_reference import GGUF_EMBEDDER

MINE = Path("/models/bge-m3-Q8_0.gguf")


def open_page(qtbot: QtBot, settings: AppSettings, choices: ModelChoices) -> DocumentsPage:
    page = DocumentsPage(settings, choices, [("bge-m3-Q8_0", MINE)])
    qtbot.add_widget(page)
    return page


def test_the_documents_page_saves_the_choice_and_shows_it_again(
    qtbot: QtBot, tmp_path: Path, store: ConversationStore
) -> None:
    settings = AppSettings(tmp_path / "settings.json")
    choices = ModelChoices(store.db)
    page = open_page(qtbot, settings, choices)
    assert page.embedding_model.currentData() == str(EMBEDDER_PATH)
    assert "English, built in" in page.embedding_model.currentText()
    assert page.passages.value() == 5

    with qtbot.wait_signal(page.embedding_model_changed) as changed:
        page.embedding_model.setCurrentIndex(1)
        page.embedding_model.activated.emit(1)
    assert changed.args == [MINE]
    with qtbot.wait_signal(page.passages_changed):
        page.passages.setValue(8)
    assert choices.embedding_model() == MINE  # in the vault: it names the user's file
    assert str(MINE) not in settings.path.read_text(encoding="utf-8")
    assert settings.get(PASSAGES_PER_QUESTION) == 8

    again = open_page(qtbot, AppSettings(tmp_path / "settings.json"), ModelChoices(store.db))
    assert again.embedding_model.currentData() == str(MINE)
    assert again.passages.value() == 8
    assert passages_per_question(settings) == 8

    again.embedding_model.setCurrentIndex(0)
    again.embedding_model.activated.emit(0)
    assert choices.embedding_model() is None  # the built-in one: no choice kept


def test_an_embedding_model_is_for_documents_not_in_the_model_picker(
    qtbot: QtBot, paths: AppPaths, store: ConversationStore
) -> None:
    copied = Path(shutil.copy(GGUF_EMBEDDER, paths.models_dir / GGUF_EMBEDDER.name))
    library = open_library(paths, store)
    picker = ModelPicker(library, open_servers(paths, store))
    qtbot.add_widget(picker)
    listed = [path for _, path in picker.local_models()]
    assert listed and copied not in listed
    assert [model.path for model in embedding_models(library.installed())] == [copied]


def test_the_chosen_model_is_the_one_loaded(tmp_path: Path, store: ConversationStore) -> None:
    choices = ModelChoices(store.db)
    chosen = tmp_path / "gone.gguf"
    choices.set_embedding_model(chosen)
    factory = ChosenEmbedder(chosen_embedder_path(choices, [chosen]))
    assert factory.path == chosen
    with pytest.raises(EmbedderMissingError) as raised:
        factory()  # the file is not there: the error names the chosen path
    assert raised.value.params == {"path": str(chosen)}

    factory.choose(EMBEDDER_PATH)
    shared = SharedEmbedder(factory)
    first = shared.get()
    try:
        assert first.name == EMBEDDER_NAME
        shared.forget()  # another model chosen: the next job loads it anew
        assert shared.loaded is None
        first.embed(["still works for the job that holds it"])
    finally:
        shared.close()
