"""A reply's sources are listed under it, open when clicked, and show their passage in its
document; the chat view keeps its heights right as they come."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.documents.embedder import Embedder
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import DocumentLibrary, add_to_collection
from desktop.core.documents.search import search
from desktop.core.vault.sources import Source
from desktop.ui.chat.message_view import MessageView
from desktop.ui.chat.sources_view import FIRST_WORDS_CHARS, SourcesView, first_words, numbered
from desktop.ui.chat.turn import Turn
from desktop.ui.documents.passage_dialog import PassageDialog
from tests.ui.documents.documents_helpers import TOPICS, library, real_embedder

__all__ = ["library", "real_embedder"]  # fixtures

SOURCES = (
    Source(1, "/matters/acme/contract.pdf", 3, 10, 40, "The buyer pays within thirty days.\nMore"),
    Source(2, "/matters/acme/letter.txt", None, 0, 20, "Dear Sir, we write"),
)


def shown_view(qtbot: QtBot) -> MessageView:
    view = MessageView()
    qtbot.add_widget(view)
    view.resize(700, 500)
    view.show()
    qtbot.wait_exposed(view)
    return view


def settled_height(qtbot: QtBot, view: MessageView, message_id: int) -> int:
    """The reply's height as the view keeps it, once it has measured the widget."""
    qtbot.wait_until(lambda: view.measured_height(message_id) is not None)
    widget = view.message_widget(message_id)
    assert widget is not None
    measured = widget.heightForWidth(view.column_width())
    assert view.measured_height(message_id) == measured
    return measured


def test_a_reply_from_history_lists_its_sources(qtbot: QtBot) -> None:
    view = shown_view(qtbot)
    view.prepend_messages(
        [
            Turn("user", "When do they pay?", 1),
            Turn("assistant", "In 30 days [1].", 2, "M", "", SOURCES),
        ]
    )
    settled_height(qtbot, view, 2)
    widget = view.message_widget(2)
    assert widget is not None and widget.sources_view is not None
    lines = widget.sources_view.lines
    assert [line.full_text for line in lines] == [
        "[1] contract.pdf \u00b7 p. 3 \u2014 \u201cThe buyer pays within thirty days.\u201d",
        "[2] letter.txt \u2014 \u201cDear Sir, we write\u201d",
    ]
    assert [line.toolTip() for line in lines] == [SOURCES[0].file, SOURCES[1].file]
    assert "[1] contract.pdf, p. 3" in view.toPlainText()


def test_a_source_read_from_a_scan_says_so(qtbot: QtBot) -> None:
    scanned = Source(
        1, "/matters/acme/signed.pdf", 2, 0, 15, "租赁保证金应于三月三日前支付。", True
    )
    view = shown_view(qtbot)
    view.add_reply("M", "By 3 March [1].", 5, sources=(scanned,))
    settled_height(qtbot, view, 5)
    widget = view.message_widget(5)
    assert widget is not None and widget.sources_view is not None
    assert [line.full_text for line in widget.sources_view.lines] == [
        "[1] signed.pdf \u00b7 p. 2 (scanned) \u2014 \u201c租赁保证金应于三月三日前支付。\u201d"
    ]


def test_clicking_a_source_asks_for_it(qtbot: QtBot) -> None:
    view = shown_view(qtbot)
    view.add_reply("M", "See [2].", 5, sources=SOURCES)
    settled_height(qtbot, view, 5)
    widget = view.message_widget(5)
    assert widget is not None and widget.sources_view is not None
    line = widget.sources_view.lines[1]
    qtbot.wait_until(line.isVisible)
    with qtbot.wait_signal(view.source_requested) as requested:
        qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    assert requested.args == [SOURCES[1]]


def test_a_long_passage_is_elided_keeping_its_number_file_and_quotes(qtbot: QtBot) -> None:
    words = " ".join(f"clause{n}" for n in range(40))
    view = SourcesView([Source(2, "/matters/lease.pdf", 4, 0, len(words), words)])
    qtbot.add_widget(view)
    view.resize(320, 60)
    view.show()
    qtbot.wait_exposed(view)
    [line] = view.lines
    assert line.quote == first_words(words) and line.quote.endswith("\u2026")
    assert len(line.quote) <= FIRST_WORDS_CHARS + 1
    shown = line.text()
    assert shown.startswith("[2] lease.pdf \u00b7 p. 4 \u2014 \u201cclause0")
    assert shown.endswith("\u2026\u201d")
    assert line.fontMetrics().horizontalAdvance(shown) <= line.width()


def test_a_citation_opens_the_source_of_its_number(qtbot: QtBot) -> None:
    view = SourcesView(SOURCES)
    qtbot.add_widget(view)
    with qtbot.wait_signal(view.source_requested) as requested:
        assert view.open_source(2) == SOURCES[1]
    assert requested.args == [SOURCES[1]]
    with qtbot.assert_not_emitted(view.source_requested):
        assert view.open_source(9) is None  # a number the reply was not given
    assert numbered(SOURCES, 1) == SOURCES[0]


def test_sources_set_on_a_reply_just_written_make_it_taller(qtbot: QtBot) -> None:
    view = shown_view(qtbot)
    view.add_user_message("When do they pay?", 1)
    view.begin_reply("M", 2)
    view.append_reply("In thirty days [1].")
    view.end_reply("")
    before = settled_height(qtbot, view, 2)
    view.set_sources(2, SOURCES)
    qtbot.wait_until(lambda: (view.measured_height(2) or 0) > before)
    after = settled_height(qtbot, view, 2)
    widget = view.message_widget(2)
    assert widget is not None and widget.sources_view is not None
    assert after >= before + 2 * widget.sources_view.lines[0].sizeHint().height()
    assert widget.height() == after


def test_a_source_is_shown_marked_among_its_neighbours(
    qtbot: QtBot, tmp_path: Path, library: DocumentLibrary, real_embedder: Embedder
) -> None:
    folder = tmp_path / "matter"
    folder.mkdir()
    paragraphs = [f"Clause {n}. {TOPICS[n % len(TOPICS)]}" for n in range(60)]
    paragraphs[30] = "Clause 30. The seller delivers the goods to the Rotterdam warehouse."
    (folder / "contract.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    with library.open() as index:
        add_to_collection(index, "Matter", [folder], real_embedder)
        index_collection(index, "Matter", real_embedder)
        [hit] = search(index, "Matter", "Rotterdam warehouse", 1, embedder=real_embedder)
        source = Source(1, str(hit.file), hit.page, hit.start, hit.end, hit.text)
        dialog = PassageDialog(source, index)
        qtbot.add_widget(dialog)
        assert dialog.in_context
        assert not dialog.note.isVisibleTo(dialog)
        assert dialog.mark.selectedText().replace("\u2029", "\n") == hit.text
        whole = dialog.text.toPlainText()
        assert len(whole) > len(hit.text)
        assert "Rotterdam warehouse" in hit.text
        assert whole in hit.file.read_text(encoding="utf-8")

        gone = Source(1, str(tmp_path / "gone.txt"), None, 0, 9, "Gone text")
        alone = PassageDialog(gone, index)
        qtbot.add_widget(alone)
        assert not alone.in_context
        assert alone.text.toPlainText() == "Gone text"
        assert "no longer in the index" in alone.note.text()
