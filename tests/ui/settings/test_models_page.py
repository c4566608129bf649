"""Settings → Models names each model as the library does, not by its file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.app_settings import AppSettings
from desktop.core.paths import AppPaths
from desktop.core.vault.preferences import ModelChoices
from desktop.core.vault.store import ConversationStore
from desktop.ui.settings.models_page import ModelsPage


def test_the_default_model_is_chosen_by_its_human_name(
    qtbot: QtBot, paths: AppPaths, store: ConversationStore
) -> None:
    models = [
        ("SmolLM2-135M-Instruct.Q4_1", Path("/models/SmolLM2-135M-Instruct.Q4_1.gguf")),
        ("Llama-3.2-3B-Instruct-Q4_K_M", Path("/models/Llama-3.2-3B-Instruct-Q4_K_M.gguf")),
    ]
    page = ModelsPage(AppSettings(paths.settings_path), ModelChoices(store.db), models)
    qtbot.add_widget(page)
    box = page.default_model
    assert [box.itemText(i) for i in range(box.count())] == [
        "SmolLM2 135M Instruct",
        "Llama 3.2 3B Instruct",
    ]
    assert box.itemData(1, Qt.ItemDataRole.ToolTipRole) == "Llama-3.2-3B-Instruct-Q4_K_M.gguf"
    assert box.itemData(1) == str(models[1][1])
