"""*File → Revise a document…* with the real starter model: the document read, revised with
progress, reviewed change by change, saved as a copy with tracked changes, and the exchange
kept in the history."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.vault.store import ConversationStore
from desktop.ui.revise.revise_dialog import ReviseDialog
from desktop.ui.tasks import TaskRunner
from desktop.ui.window.main_window import MainWindow
from tests.ui.conftest import TIMEOUT_MS
from tests.word_readers import pandoc_text

INSTRUCTION = "Replace the word customer by the word buyer."


def _document(folder: Path, headings: bool = True) -> Path:
    """Two clauses under headings, or one paragraph alone (one question to the model)."""
    document = docx.Document()
    document.add_paragraph("The customer pays within 30 days.")
    if headings:
        document.add_heading("1. Payment", level=1)
        document.add_paragraph("Fees are due monthly.")
        document.add_heading("2. Law", level=1)
        document.add_paragraph("English law governs this agreement.")
    path = folder / "short.docx"
    document.save(path)
    return path


def _dialog(qtbot: QtBot, store: ConversationStore, starter_model: Path) -> ReviseDialog:
    dialog = ReviseDialog(TaskRunner(), store, starter_model, "Starter")
    qtbot.add_widget(dialog)
    return dialog


def test_a_part_is_revised_reviewed_saved_and_kept_in_the_history(
    qtbot: QtBot, tmp_path: Path, store: ConversationStore, starter_model: Path
) -> None:
    original = _document(tmp_path, headings=False)
    dialog = _dialog(qtbot, store, starter_model)
    dialog.open_document(original)
    qtbot.wait_until(lambda: dialog.headings.count() == 1, timeout=TIMEOUT_MS)
    assert not dialog.start.isEnabled()  # no instruction yet
    dialog.instruction.setPlainText(INSTRUCTION)

    with qtbot.wait_signal(dialog.recorded, timeout=TIMEOUT_MS) as recorded:
        dialog.start.click()
        assert dialog.pages.currentIndex() == 1
    qtbot.wait_until(lambda: dialog.pages.currentIndex() == 2)

    rows = dialog.review.rows
    assert rows, "the model changed nothing: the review has nothing to show"
    assert [row.revision.original for row in rows] == ["The customer pays within 30 days."]
    assert dialog.review.heading.text().startswith("1 of 1 paragraphs changed")
    question, answer = store.messages(recorded.args[0])
    assert question.content.startswith(INSTRUCTION)
    assert "short.docx" in question.content
    assert answer.content.startswith(f"¶ {rows[0].revision.index + 1}:")

    dialog.review.reject_all.click()
    assert dialog.review.accepted() == []
    rows[0].accept_button.click()
    assert dialog.review.accepted() == [rows[0].revision]
    assert dialog.review.author.text() == "Sotto"  # until a name is given
    dialog.review.author.setText("Ada Lovelace")
    out = tmp_path / "out.docx"
    with qtbot.wait_signal(dialog.saved, timeout=TIMEOUT_MS):
        dialog.save_copy(out)

    assert dialog.review.status.text() == "Saved to out.docx."
    assert rows[0].revision.revised in pandoc_text(out, "accept").replace("\n", " ")
    assert pandoc_text(out, "reject") == pandoc_text(original, "reject")
    with zipfile.ZipFile(out) as saved:
        assert b'w:author="Ada Lovelace"' in saved.read("word/document.xml")
    # The name is remembered, in the vault, for the next revision.
    assert _dialog(qtbot, store, starter_model).review.author.text() == "Ada Lovelace"


def test_parts_are_chosen_by_heading_and_stop_ends_the_revision(
    qtbot: QtBot, tmp_path: Path, store: ConversationStore, starter_model: Path
) -> None:
    dialog = _dialog(qtbot, store, starter_model)
    dialog.open_document(_document(tmp_path))
    qtbot.wait_until(lambda: dialog.headings.count() == 3, timeout=TIMEOUT_MS)
    dialog.instruction.setPlainText(INSTRUCTION)
    assert dialog.chosen_headings() is None  # the whole document
    dialog.headings.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.headings.item(2).setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen_headings() == ["2. Law"]

    dialog.start.click()
    dialog.stop.click()
    qtbot.wait_until(lambda: dialog.pages.currentIndex() == 2, timeout=TIMEOUT_MS)

    assert dialog.review.heading.text().startswith("Stopped. ")
    assert not dialog.stop.isEnabled()


def test_a_file_that_cannot_be_revised_gets_its_sentence(
    qtbot: QtBot, tmp_path: Path, store: ConversationStore, starter_model: Path
) -> None:
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    dialog = _dialog(qtbot, store, starter_model)

    dialog.open_document(empty)

    qtbot.wait_until(lambda: "has no text" in dialog.notice.text())
    assert "empty.docx" in dialog.notice.text()
    assert not dialog.start.isEnabled()


def test_the_file_menu_and_the_attach_button_open_the_revision(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    menu = window.column.attach_button.menu()
    assert menu is not None
    assert window.menus.revise in menu.actions()

    window.menus.revise.trigger()

    dialogs = window.findChildren(ReviseDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].reject()


def test_a_change_cut_off_by_the_length_limit_starts_rejected_with_a_warning(
    qtbot: QtBot,
) -> None:
    from desktop.core.revise.revision import Revision
    from desktop.ui.revise.review_view import ReviewView

    view = ReviewView()
    qtbot.add_widget(view)
    whole = Revision(0, "The fees, in total.", "The fees paid, in all.", "clearer")
    cut = Revision(2, "The customer pays within 30 days.", "The buyer pays", cut_off=True)

    view.show_revisions([whole, cut], asked=3, stopped=False, headings={2: ("1. Payment",)})

    assert view.accepted() == [whole]
    assert not view.rows[1].warning.isHidden()
    assert not view.rows[1].text.isEnabled()  # greyed, as a rejected change is
    assert view.rows[1].where.text() == "1. Payment · paragraph 3"
    assert view.heading.text() == (
        "2 of 3 paragraphs changed; 1 accepted: 2 words inserted, 1 deleted."
    )
    view.accept_all.click()
    assert view.accepted() == [whole, cut]
