"""The model library opened at the model recommended for this computer (the welcome's
"Get a better model")."""

from __future__ import annotations

from desktop.ui.library.catalog_tab import DETAIL, ENTRY_ROLE, NAME
from desktop.ui.library.library_window import LibraryWindow
from desktop.ui.library.machine_memory import Judge
from tests.ui.conftest import LAPTOP
from tests.ui.library.conftest import LAPTOP_JUDGE


def selected_row(library: LibraryWindow) -> tuple[str, str]:
    """The model and the variant selected in the catalog."""
    entry = library.catalog.selected()
    assert entry is not None
    return entry[0].name, entry[1].quant


def test_the_library_opens_at_the_recommended_model(library: LibraryWindow) -> None:
    assert library.show_recommended()
    assert library.isVisible() and library.tabs.currentWidget() is library.catalog
    recommended = library.catalog.recommended()
    assert recommended is not None
    model, variant = recommended
    assert model.job == "general"
    assert selected_row(library) == (model.name, variant.quant)
    item = library.catalog.tree.currentItem()
    assert item.text(DETAIL) == "Recommended"
    assert library.catalog.download_button.isEnabled()
    assert model.name in library.catalog.about.text()
    assert item.data(NAME, ENTRY_ROLE)[1] == variant


def test_the_selection_follows_the_recommendation_until_the_user_moves(
    library: LibraryWindow,
) -> None:
    library.show_recommended()
    first = selected_row(library)
    slow = Judge(n_ctx=4096, free_ram=2 * 10**9, free_vram=None, speed=LAPTOP)
    library.catalog.set_judge(slow)  # the machine's speed, measured: a smaller choice
    model, variant = library.catalog.recommended() or (None, None)
    assert model is not None and variant is not None
    assert selected_row(library) == (model.name, variant.quant) != first
    other = library.catalog.tree.topLevelItem(0).child(0).child(0)
    library.catalog.tree.setCurrentItem(other)  # the user picks another
    picked = selected_row(library)
    library.catalog.set_judge(LAPTOP_JUDGE)
    assert selected_row(library) == picked
