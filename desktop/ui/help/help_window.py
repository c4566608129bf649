"""Help → Sotto help (F1): a short guide, read from a local page in the user's language.

The page is a file shipped with Sotto: help never touches the network, and its links only
move within the page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop.core.language import ENGLISH
from desktop.core.paths import RESOURCES_DIR

HELP_DIR = RESOURCES_DIR / "help"


def help_page(language: str) -> Path:
    """The help page in *language* (``help.<language>.html``), or else the English one."""
    translated = HELP_DIR / f"help.{language}.html"
    if language != ENGLISH and translated.is_file():
        return translated
    return HELP_DIR / "help.html"


class HelpWindow(QDialog):
    """The help page, beside the chat (not modal).

    Attributes:
        browser: shows the page; a link within it scrolls to its section, any other link
            is ignored.
    """

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sotto help"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setSource(QUrl.fromLocalFile(str(help_page(language))))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 720)

    def show_section(self, anchor: str) -> None:
        """Scroll to the section *anchor*: "start", "models", "privacy", "keys" or
        "trouble"."""
        self.browser.scrollToAnchor(anchor)

    @Slot(QUrl)
    def _follow(self, url: QUrl) -> None:
        if url.hasFragment() and not url.scheme() and not url.path():  # "#models"
            self.show_section(url.fragment())
