"""The library in human words: one word per size for fit and speed together, one model
recommended, names and descriptions before file figures, and every column in sight at 1024
pixels."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from desktop.core.library.outlook import Outlook, outlook
from desktop.core.modelfile.fit import Verdict
from desktop.core.modelfile.speed import Pace
from desktop.ui.library.catalog_tab import DETAIL, ENTRY_ROLE, NAME, OUTLOOK
from desktop.ui.library.installed_tab import ABOUT, DETAILS_ROLE
from desktop.ui.library.library_window import LibraryWindow
from desktop.ui.library.machine_memory import Judge
from desktop.ui.library.outlook_text import OUTLOOK_STATUS, outlook_text
from desktop.ui.theme import Appearance, Status, status_colour
from tests.ui.conftest import LAPTOP
from tests.ui.library.conftest import LAPTOP_JUDGE

GB = 10**9
JUDGES = {
    "laptop": LAPTOP_JUDGE,
    "small laptop": replace(LAPTOP_JUDGE, free_ram=3 * GB),
    "speed not known": Judge(n_ctx=4096, free_ram=3 * GB, free_vram=None),
    "old laptop": replace(LAPTOP_JUDGE, speed=replace(LAPTOP, bytes_per_second=4 * GB)),
    "crawling": replace(
        LAPTOP_JUDGE, speed=replace(LAPTOP, bytes_per_second=GB // 2, token_seconds=0.1)
    ),
    "graphics card": replace(LAPTOP_JUDGE, free_ram=32 * GB, free_vram=12 * GB),
    "nothing fits": replace(LAPTOP_JUDGE, free_ram=10**8),
}
TRY_FIRST = "Try first on this computer: "


def rows(tree: QTreeWidget) -> Iterator[QTreeWidgetItem]:
    """Every row of *tree*, depth first."""
    stack = [tree.topLevelItem(i) for i in reversed(range(tree.topLevelItemCount()))]
    while stack:
        item = stack.pop()
        yield item
        stack += [item.child(i) for i in reversed(range(item.childCount()))]


@pytest.mark.parametrize("judge", JUDGES.values(), ids=JUDGES.keys())
def test_each_size_says_one_word_that_never_contradicts_its_fit_or_speed(
    library: LibraryWindow, judge: Judge
) -> None:
    catalog = library.catalog
    catalog.set_judge(judge)
    judged = judge.recommend(catalog.models)
    for item in rows(catalog.tree):
        entry = item.data(NAME, ENTRY_ROLE)
        if not isinstance(entry, tuple):
            continue
        model, variant = entry
        option = next(o for o in judged.options[model.id] if o.variant == variant)
        word = outlook(option.fit.verdict, option.speed)
        assert item.text(OUTLOOK) == outlook_text(word)
        assert item.foreground(OUTLOOK).color() == status_colour(OUTLOOK_STATUS[word])
        assert not any("words/s" in item.text(column) for column in range(4))  # one word only
        if word is Outlook.RUNS_WELL:
            assert option.fit.verdict is Verdict.RUNS_WELL
            assert option.speed is None or option.speed.pace in (Pace.FAST, Pace.COMFORTABLE)
        if option.speed is not None and not option.speed.readable:
            assert word in (Outlook.TOO_SLOW, Outlook.WONT_FIT)
    for item in rows(catalog.tree):
        model = item.data(NAME, ENTRY_ROLE)
        if isinstance(model, tuple) or model is None:
            continue
        sizes = {item.child(i).text(NAME): item.child(i) for i in range(item.childCount())}
        best = judged.best[model.id]
        if best is not None:  # a model says what its best size says, in the same colour
            assert item.text(OUTLOOK) == sizes[best.quant].text(OUTLOOK)
            assert item.foreground(OUTLOOK) == sizes[best.quant].foreground(OUTLOOK)
        else:
            words = {size.text(OUTLOOK) for size in sizes.values()}
            assert words <= {"Too slow here", "Won't fit"}
            expected = "Won't fit" if words == {"Won't fit"} else "Too slow here"
            assert item.text(OUTLOOK) == expected


@pytest.mark.parametrize("judge", JUDGES.values(), ids=JUDGES.keys())
def test_exactly_one_size_is_recommended_and_the_heading_names_its_model(
    library: LibraryWindow, judge: Judge
) -> None:
    catalog = library.catalog
    catalog.set_judge(judge)
    marked = [
        item
        for item in rows(catalog.tree)
        if any(item.text(column) == "Recommended" for column in range(4))
    ]
    headings = [
        catalog.tree.topLevelItem(i)
        for i in range(catalog.tree.topLevelItemCount())
        if catalog.tree.topLevelItem(i).text(DETAIL).startswith(TRY_FIRST)
    ]
    chosen = catalog.recommended()
    if chosen is None:
        assert marked == [] and headings == []
        return
    model, variant = chosen
    assert len(marked) == 1 and len(headings) == 1
    assert marked[0].data(NAME, ENTRY_ROLE) == (model, variant)
    assert headings[0].text(DETAIL) == TRY_FIRST + model.name
    parent = marked[0].parent()
    assert parent is not None and parent.parent() is headings[0]  # under the heading


def test_there_is_something_to_recommend_on_an_ordinary_laptop(library: LibraryWindow) -> None:
    library.catalog.set_judge(LAPTOP_JUDGE)
    chosen = library.catalog.recommended()
    assert chosen is not None and chosen[0].job == "general"


@pytest.mark.parametrize("size", ["normal", "larger"])
def test_every_column_header_is_in_sight_at_1024_pixels(
    make_appearance: Callable[..., Appearance], library: LibraryWindow, qtbot: QtBot, size: str
) -> None:
    make_appearance("light", size)
    library.resize(1024, 720)
    library.show()
    qtbot.wait_exposed(library)
    tabs = (
        (library.installed, library.installed.table),
        (library.catalog, library.catalog.tree),
        (library.hub, library.hub.files),
    )
    for tab, shown in tabs:
        library.tabs.setCurrentWidget(tab)
        QApplication.processEvents()
        header = shown.header()
        assert library.width() <= 1024
        for section in range(header.count()):
            right = header.sectionViewportPosition(section) + header.sectionSize(section)
            assert right <= shown.viewport().width(), shown.headerItem().text(section)
            words = header.fontMetrics().horizontalAdvance(shown.headerItem().text(section))
            assert header.sectionSize(section) >= words, shown.headerItem().text(section)
        assert shown.horizontalScrollBar().maximum() == 0


def test_installed_models_lead_with_their_name_and_what_they_are_for(
    library: LibraryWindow, starter_model: Path, qtbot: QtBot
) -> None:
    library.library.models_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(starter_model, library.library.models_dir / "Llama-3.2-1B-Instruct-Q4_K_M.gguf")
    library.refresh()
    tab = library.installed
    table = tab.table
    headers = [table.headerItem().text(c) for c in range(table.columnCount())]
    assert headers == ["Model", "About", "Size", "On this computer"]
    items = {table.topLevelItem(i).text(NAME): table.topLevelItem(i) for i in range(2)}
    starter = items["SmolLM2 135M Instruct (starter)"]
    assert "comes with Sotto" in starter.text(ABOUT)
    llama = items["Llama 3.2 1B Instruct"]
    assert llama.text(ABOUT) == (
        "A small, quick assistant for everyday questions; runs on most laptops."
    )
    assert not any("Q4" in llama.text(column) for column in range(table.columnCount()))

    library.show()  # judged again as it shows: its rows are new
    qtbot.wait_exposed(library)
    assert not tab.details.isVisible()
    llama = next(item for item in rows(table) if item.text(NAME) == "Llama 3.2 1B Instruct")
    table.setCurrentItem(llama)
    tab.details_button.click()
    assert tab.details.isVisible()
    details = tab.details.text()
    assert details == llama.data(NAME, DETAILS_ROLE)
    for figure in ("Llama-3.2-1B-Instruct-Q4_K_M.gguf", "Architecture", "Q4_1", "bits per weight"):
        assert figure in details
    tab.details_button.click()
    assert not tab.details.isVisible()


def test_the_words_take_the_colours_of_the_theme_shown(
    make_appearance: Callable[..., Appearance], library: LibraryWindow, qtbot: QtBot
) -> None:
    appearance = make_appearance("light", "normal")
    library.show()
    qtbot.wait_exposed(library)

    def colour() -> QColor:
        row = next(r for r in rows(library.catalog.tree) if r.text(OUTLOOK) == "Runs well")
        return row.foreground(OUTLOOK).color()

    light = colour()
    assert light == status_colour(Status.GOOD)
    appearance.set_theme("dark")
    assert colour() == status_colour(Status.GOOD) != light
