"""Exporting a conversation to Markdown or Word, and printing it: the user's own choice, made
knowing that the file (or the paper) is not protected by Sotto's encryption."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.chat.markdown import render
from desktop.core.chat.written_out import Turn, one_line, source_heading, sources_title
from desktop.core.errors import FileAccessError
from desktop.text.messages import user_message
from desktop.ui.widgets.file_dialogs import save_file

Turns = Sequence[Turn]


def export_conversation(parent: QWidget, title: str, turns: Turns, model: str) -> Path | None:
    """Warn that the file will not be encrypted, ask where, and write it as Markdown or Word
    (by the file type chosen). Returns the file written, or None."""
    answer = QMessageBox.warning(
        parent,
        QCoreApplication.translate("ConversationExport", "Export this conversation?"),
        QCoreApplication.translate(
            "ConversationExport",
            "The exported file is not encrypted: anyone who can open it can read this "
            "conversation, and it stays on disk until you delete it. Export anyway?",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    markdown = QCoreApplication.translate("ConversationExport", "Markdown (*.md)")
    word = QCoreApplication.translate("ConversationExport", "Word document (*.docx)")
    name, chosen = save_file(
        parent,
        QCoreApplication.translate("ConversationExport", "Export the conversation"),
        (title or "conversation").replace("/", "-") + ".md",
        f"{markdown};;{word}",
    )
    if not name:
        return None
    path = Path(name)
    as_word = chosen == word or path.suffix.lower() == ".docx"
    path = path.with_suffix(".docx" if as_word else path.suffix or ".md")
    # Imported now: python-docx takes longer to load than the window takes to show.
    from desktop.core.chat.export import write_docx, write_markdown

    try:
        (write_docx if as_word else write_markdown)(
            path, title, turns, model, datetime.now(), translate=QCoreApplication.translate
        )
    except OSError as error:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("ConversationExport", "Export the conversation"),
            user_message(FileAccessError.of(error)),
        )
        return None
    return path


def conversation_document(title: str, turns: Turns, model: str) -> QTextDocument:
    """The conversation as one rich-text document for paper, its Markdown rendered: single
    line ends kept as line breaks, code blocks shaded with their long lines wrapped, no
    Copy buttons, and each reply's sources after it."""
    you = QCoreApplication.translate("ConversationExport", "You")
    system = QCoreApplication.translate("ConversationExport", "System prompt")
    parts = [f"<h1>{html.escape(title)}</h1>"]
    for turn in turns:
        speaker = {"user": you, "system": system}.get(turn.role, model)
        parts.append(f"<h3>{html.escape(speaker)}</h3>")
        parts.append(render(turn.text).html)
        if turn.sources:
            parts.append(f"<h4>{html.escape(sources_title(QCoreApplication.translate))}</h4>")
        for source in turn.sources:
            heading = html.escape(source_heading(source, QCoreApplication.translate))
            parts.append(f"<p><b>{heading}</b></p>")
            parts.append(f"<blockquote>{html.escape(one_line(source.text))}</blockquote>")
    document = QTextDocument()
    document.setHtml("".join(parts))
    return document


def print_conversation(parent: QWidget, title: str, turns: Turns, model: str) -> bool:
    """Ask for a printer (or a PDF file) and print the conversation; True if printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    conversation_document(title, turns, model).print_(printer)
    return True
