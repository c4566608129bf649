"""The models the user chose live in the vault, never in the plain-text settings file; an
older settings file's paths move into the vault once."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.app_settings import LEGACY_DEFAULT_MODEL, LEGACY_EMBEDDING_MODEL, AppSettings
from desktop.core.paths import AppPaths
from desktop.core.vault.preferences import ModelChoices
from desktop.core.vault.store import ConversationStore

PRIVATE = Path("/home/ann/Clients/Meridian merger/llama-70b.gguf")
EMBEDDER = Path("/home/ann/models/bge-m3-Q8_0.gguf")


def test_the_default_model_is_the_users_choice_among_those_installed(
    store: ConversationStore,
) -> None:
    choices = ModelChoices(store.db)
    first, second = Path("/m/a.gguf"), Path("/m/b.gguf")
    assert choices.default_model([first, second]) == first
    choices.set_default_model(second)
    assert ModelChoices(store.db).default_model([first, second]) == second
    assert choices.default_model([first]) == first  # the chosen one was removed
    assert choices.default_model([]) is None


def test_an_older_settings_files_model_paths_move_into_the_vault_once(
    paths: AppPaths, store: ConversationStore
) -> None:
    paths.settings_path.write_text(
        json.dumps(
            {
                LEGACY_DEFAULT_MODEL: str(PRIVATE),
                LEGACY_EMBEDDING_MODEL: str(EMBEDDER),
                "theme": "dark",
            }
        ),
        encoding="utf-8",
    )
    settings = AppSettings(paths.settings_path)
    choices = ModelChoices(store.db)
    choices.move_from(settings)

    assert choices.default_model([Path("/m/a.gguf"), PRIVATE]) == PRIVATE
    assert choices.embedding_model() == EMBEDDER
    text = paths.settings_path.read_text(encoding="utf-8")
    assert json.loads(text) == {"theme": "dark"}
    assert "Meridian" not in text and "bge" not in text

    choices.set_default_model(Path("/m/a.gguf"))  # chosen since: an old copy never wins
    paths.settings_path.write_text(json.dumps({LEGACY_DEFAULT_MODEL: str(PRIVATE)}))
    choices.move_from(settings)
    assert choices.default_model([Path("/m/a.gguf"), PRIVATE]) == Path("/m/a.gguf")
    assert json.loads(paths.settings_path.read_text(encoding="utf-8")) == {}


def test_a_settings_file_without_model_paths_is_not_written(
    paths: AppPaths, store: ConversationStore
) -> None:
    paths.settings_path.write_text('{"theme": "dark"}', encoding="utf-8")
    before = paths.settings_path.stat().st_mtime_ns
    ModelChoices(store.db).move_from(AppSettings(paths.settings_path))
    assert paths.settings_path.stat().st_mtime_ns == before
