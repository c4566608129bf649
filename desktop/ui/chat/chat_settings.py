"""What the chat's settings do: the chat shown takes the settings the user sets in the panel
and the documents chosen above the composer, and presets are saved and deleted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QComboBox

from desktop.core.chat.presets import Preset, PresetStore, all_presets, find_preset
from desktop.core.chat.session import ChatSession
from desktop.core.chat.settings import ChatSettings
from desktop.core.errors import UserError
from desktop.core.inference.types import LoadedModel, Sampling
from desktop.core.vault.store import ConversationStore
from desktop.text.documents import collection_name
from desktop.ui.chat.chat_controller import ChatController
from desktop.ui.chat.settings_panel import ChatSettingsPanel
from desktop.ui.models.model_choice import ModelChoice


def new_chat_settings(presets: tuple[Preset, ...], sampling: Sampling) -> ChatSettings:
    """The settings a new chat starts with: the general preset and *sampling*."""
    general = find_preset(presets, "general")
    return ChatSettings(
        preset_id="general",
        system_prompt=general.system_prompt if general else "",
        sampling=sampling,
    )


class ChatSettingsController(QObject):
    """Drives the chat settings panel for the chat shown.

    A change the disk refuses (a full disk) is said above the composer; the chat keeps the
    settings it shows until Sotto quits.
    """

    def __init__(
        self,
        panel: ChatSettingsPanel,
        documents_box: QComboBox,
        chat: ChatController,
        models: ModelChoice,
        store: ConversationStore,
        presets: tuple[Preset, ...],
        sampling: Sampling,
    ) -> None:
        super().__init__(panel)
        self._panel = panel
        self._documents_box = documents_box
        self._chat = chat
        self._models = models
        self._shipped = presets
        self._sampling = sampling
        self._presets = PresetStore(store.db)
        panel.settings_changed.connect(self.apply)
        panel.preset_save_requested.connect(self._save_preset)
        panel.preset_delete_requested.connect(self._delete_preset)
        documents_box.activated.connect(self._documents_chosen)
        self._show_presets()
        self.set_collections([])

    def new_chat_settings(self) -> ChatSettings:
        return new_chat_settings(self._shipped, self._sampling)

    def set_store(self, store: ConversationStore) -> None:
        """Keep presets in *store* from now on (a new history, after forgetting)."""
        self._presets = PresetStore(store.db)
        self._show_presets()

    def show(self, session: ChatSession) -> None:
        """Show the settings of *session*, the chat now shown."""
        self._panel.set_settings(session.settings)
        self._show_documents(session.settings.documents)

    def set_collections(self, names: list[str]) -> None:
        """Offer the collections of documents called *names* above the composer."""
        box = self._documents_box
        box.clear()
        box.addItem(self.tr("No documents"), "")
        for name in names:
            box.addItem(collection_name(name), name)
        self._show_documents(self._chat.session.settings.documents)

    def use_documents(self, name: str) -> None:
        """Have the chat shown answer from the collection *name* ("" for none)."""
        session = self._chat.session
        self._saving(lambda: session.set_settings(replace(session.settings, documents=name)))
        self._show_documents(name)

    def _show_documents(self, name: str) -> None:
        box = self._documents_box
        if name and box.findData(name) < 0:  # a collection removed since: listed as gone
            box.addItem(self.tr("{name} (removed)").format(name=collection_name(name)), name)
        box.setCurrentIndex(max(box.findData(name), 0))

    @Slot(int)
    def _documents_chosen(self, index: int) -> None:
        self.use_documents(self._documents_box.itemData(index))

    @Slot(object)
    def apply(self, settings: ChatSettings) -> None:
        """Give the chat shown *settings*; a new context length reloads its local model."""
        session = self._chat.session
        settings = replace(settings, documents=session.settings.documents)  # not the panel's
        n_ctx_changed = settings.n_ctx != session.settings.n_ctx
        self._saving(lambda: session.set_settings(settings))
        local = self._chat.model
        if n_ctx_changed and isinstance(local, LoadedModel) and not self._chat.generating:
            self._models.load(local.path, settings.n_ctx)
        self._chat.count_context()

    def _show_presets(self) -> None:
        self._panel.set_presets(all_presets(self._shipped, self._presets))

    @Slot(str, str)
    def _save_preset(self, name: str, system_prompt: str) -> None:
        try:
            preset = self._presets.add(name.strip() or self.tr("My preset"), system_prompt)
        except UserError as error:
            self._chat.show_error(error)
            return
        self._show_presets()
        session = self._chat.session
        settings = replace(session.settings, preset_id=preset.id, system_prompt=system_prompt)
        self._panel.set_settings(settings)
        self._saving(lambda: session.set_settings(settings))

    @Slot(str)
    def _delete_preset(self, preset_id: str) -> None:
        self._saving(lambda: self._presets.delete(preset_id))
        self._show_presets()
        session = self._chat.session
        settings = replace(self._panel.settings(), documents=session.settings.documents)
        self._saving(lambda: session.set_settings(settings))

    def _saving(self, save: Callable[[], None]) -> None:
        try:
            save()
        except UserError as error:  # the disk: the chat goes on with what it shows
            self._chat.show_error(error)
