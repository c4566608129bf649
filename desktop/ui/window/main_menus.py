"""The main window's menu bar: every command, with its shortcut."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


class MainMenus(QObject):
    """The File, View, Privacy and Help menus of *window*. The window connects the actions.

    Attributes:
        new_chat, incognito, find, library, documents, revise, import_model, servers, export,
            print, settings, quit: File.
        chat_settings (checkable), send_with_ctrl_enter (checkable): View.
        network_activity, offline (checkable), forget: Privacy.
        help, shortcuts, about: Help.
        view_menu: the View menu, to which the composition root adds the languages.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        bar = window.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_chat = self._add(file_menu, self.tr("&New chat"), QKeySequence.StandardKey.New)
        self.incognito = self._add(file_menu, self.tr("New &incognito chat"), "Ctrl+Shift+N")
        self.find = self._add(file_menu, self.tr("&Search chats"), QKeySequence.StandardKey.Find)
        self.library = self._add(file_menu, self.tr("Model &library…"), "Ctrl+L")
        self.documents = self._add(file_menu, self.tr("&Documents…"), "Ctrl+D")
        self.documents.setToolTip(self.tr("Your collections of documents, to ask about"))
        self.revise = self._add(file_menu, self.tr("&Revise a document…"))
        self.revise.setToolTip(self.tr("Revise a Word document and save it with tracked changes"))
        self.import_model = self._add(
            file_menu, self.tr("&Import model file…"), QKeySequence.StandardKey.Open
        )
        self.servers = self._add(file_menu, self.tr("Model se&rvers…"))
        self.servers.setToolTip(self.tr("Chat with models on your firm's own server"))
        file_menu.addSeparator()
        self.export = self._add(file_menu, self.tr("&Export conversation…"), "Ctrl+E")
        self.print = self._add(
            file_menu, self.tr("&Print conversation…"), QKeySequence.StandardKey.Print
        )
        file_menu.addSeparator()
        self.settings = self._add(
            file_menu, self.tr("Se&ttings…"), QKeySequence.StandardKey.Preferences
        )
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        if self.settings.shortcut().isEmpty():  # Linux and Windows have no standard key
            self.settings.setShortcut(QKeySequence("Ctrl+,"))
        file_menu.addSeparator()
        self.quit = self._add(file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit)

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.chat_settings = self._add(self.view_menu, self.tr("Chat &settings"), "Ctrl+Shift+S")
        self.chat_settings.setCheckable(True)
        self.chat_settings.setToolTip(self.tr("This chat's preset, system prompt and sampling"))
        self.send_with_ctrl_enter = self._add(self.view_menu, self.tr("Send with Ctrl+&Enter"))
        self.send_with_ctrl_enter.setCheckable(True)
        self.send_with_ctrl_enter.setToolTip(
            self.tr("Ctrl+Enter sends and Enter starts a new line, instead of the other way")
        )

        privacy = bar.addMenu(self.tr("&Privacy"))
        self.network_activity = self._add(privacy, self.tr("&Network activity…"))
        self.offline = self._add(privacy, self.tr("&Offline mode"))
        self.offline.setCheckable(True)
        self.offline.setToolTip(self.tr("Refuse every connection, even to the model hub"))
        privacy.addSeparator()
        self.forget = self._add(privacy, self.tr("&Forget everything…"))

        help_menu = bar.addMenu(self.tr("&Help"))
        self.help = self._add(
            help_menu, self.tr("Sotto &help"), QKeySequence.StandardKey.HelpContents
        )
        self.shortcuts = self._add(help_menu, self.tr("&Keyboard shortcuts"), "Ctrl+/")
        help_menu.addSeparator()
        self.about = self._add(help_menu, self.tr("&About Sotto…"))
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    def _add(
        self, menu: QMenu, text: str, shortcut: QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        menu.addAction(action)
        return action
