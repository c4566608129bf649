"""Take a screenshot of the real window. Run it on an X screen (Xvfb):

xvfb-run -a -s "-screen 0 1280x800x24" python -m tests.e2e.screenshot OUT.png DATA_DIR [SCENE]

SCENE is a question to send (the default sends one) in a new chat, or one of:

- ``welcome``: a first start, the welcome in an empty chat;
- ``chat``: a saved conversation about a lease, its reply citing two clauses [1] [2] and
  its sources listed under it (``tests/e2e/screenshot_seeds.py``);
- ``settings``: the Settings dialog over the window;
- ``library``: the model library's Catalog, at the model recommended for this computer,
  once the computer's speed is measured (found in DATA_DIR's cache, or measured then);
- ``documents``: *File → Documents…* with the lease and a licence indexed.

Each is captured once the starter model is loaded, the window filling the screen, the
pointer out of the way. The window speaks the language chosen in DATA_DIR
(``settings.json`` holding ``"language": "zh_CN"``) or the system's, in the theme
(``"theme": "dark"``) and text size (``"font_size": "larger"``) chosen there.
``scripts/screenshots.sh`` takes the README's set.

The process is protected as ``sotto`` protects itself (network guard, no telemetry, no core
dumps); on exit it prints how many attempts to reach beyond the machine the guard saw. The
history opens with the OS keyring, or with SOTTO_PASSPHRASE where there is none.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtGui import QColor, QCursor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import build_main_window
from desktop.core.chat.presets import load_presets
from desktop.core.inference.types import Sampling
from desktop.core.paths import AppPaths
from desktop.core.privacy.protect import protect_process
from desktop.core.services import open_store
from desktop.core.vault.opener import VaultOpener
from desktop.text.translation import apply_language, chosen_language
from desktop.ui.chat.chat_settings import new_chat_settings
from tests.e2e.screenshot_seeds import LEASE_NAME, matter, seed_chat

SETTLE_MS = 500
"""Time for a scene to lay itself out and paint before it is captured."""


def centre_over(widget: QWidget, window: QWidget) -> None:
    """Place *widget*, no larger than the screen, over the middle of *window*."""
    room = window.screen().availableGeometry()
    widget.resize(widget.size().boundedTo(room.size()))
    place = window.geometry().center() - widget.rect().center()
    widget.move(max(place.x(), room.left()), max(place.y(), room.top()))


def framed(shot: QPixmap, area: QRect, palette: QPalette) -> None:
    """Draw a border and a soft shadow around *area* of *shot*: the frame a window manager
    gives a dialog, which Xvfb alone does not."""
    painter = QPainter(shot)
    for ring in range(1, 14):
        painter.setPen(QColor(0, 0, 0, round(36 * (1 - ring / 14) ** 2)))
        painter.drawRect(area.adjusted(-ring, -ring + 2, ring - 1, ring + 1))
    painter.setPen(palette.color(QPalette.ColorRole.Mid))
    painter.drawRect(area.adjusted(-1, -1, 0, 0))
    painter.end()


def main(out: Path, data_dir: Path, scene: str) -> int:
    guard = protect_process()
    app = QApplication([sys.argv[0], "-platform", "xcb"])
    paths = AppPaths.resolve(data_dir).ensure()
    language = chosen_language(paths)
    apply_language(app, language)
    db = VaultOpener(paths).open(os.environ.get("SOTTO_PASSPHRASE"))
    store = open_store(db)
    sampling = Sampling(temperature=0.0, max_tokens=80)
    folder = data_dir.parent / f"{data_dir.name}-matter"
    seeded: int | None = None
    if scene == "chat" and not store.list_conversations():
        settings = new_chat_settings(load_presets(language=language), sampling)
        seeded = seed_chat(store, settings, language, folder / LEASE_NAME)
        matter(folder)  # so that a source opens in its document
    window = build_main_window(paths, store, guard, sampling, language)
    screen = window.screen().availableGeometry()
    window.setGeometry(screen)
    window.show()
    QCursor.setPos(window.screen().geometry().bottomRight() - QPoint(1, 1))
    if seeded is not None:
        window.open_conversation(seeded)

    def grab(dialog: QWidget | None = None) -> None:
        shot = window.screen().grabWindow(0)  # the X screen itself, as a user would see it
        if dialog is not None:
            framed(shot, dialog.geometry(), dialog.palette())
        saved = shot.save(str(out), "PNG")
        window.close()
        app.exit(0 if saved else 1)

    def later(then: Callable[[], None]) -> None:
        QTimer.singleShot(SETTLE_MS, then)

    def show_library() -> None:
        library = window.show_library()
        library.setGeometry(screen)

        def judged() -> None:  # once the machine's speed is measured (or found measured)
            if library.memory.measuring:
                QTimer.singleShot(200, judged)
                return
            library.tabs.setCurrentWidget(library.catalog)
            library.catalog.select_recommended()
            later(grab)

        judged()

    def show_settings() -> None:
        dialog = window.dialogs.show_settings()
        centre_over(dialog, window)
        later(lambda: grab(dialog))

    def show_chat() -> None:
        window.chat_view.verticalScrollBar().setValue(0)  # the question, then the reply
        later(grab)

    def show_documents() -> None:
        window.documents.attach(matter(folder))  # read without the Documents window
        documents = window.documents.show()
        centre_over(documents, window)

        def indexed() -> None:
            collection = documents.selected_collection()
            if collection is not None and collection.files == 2 and not collection.pending:
                later(lambda: grab(documents))
            else:
                QTimer.singleShot(200, indexed)

        indexed()

    scenes: dict[str, Callable[[], None]] = {
        "welcome": lambda: later(lambda: grab()),
        "chat": lambda: later(show_chat),
        "settings": show_settings,
        "library": show_library,
        "documents": show_documents,
    }
    if scene in scenes:
        window.client.loaded.connect(lambda model: scenes[scene]())
    else:
        window.client.loaded.connect(lambda model: window.send(scene))
        window.client.finished.connect(lambda reply: QTimer.singleShot(300, lambda: grab()))
    window.client.load_failed.connect(lambda error, model: app.exit(2))
    window.load_model(window.model_picker.itemData(0))
    QTimer.singleShot(300_000, lambda: app.exit(3))
    try:
        return app.exec()
    finally:
        db.close()
        print(f"network attempts: {len(guard.attempts())}")


if __name__ == "__main__":
    scene = sys.argv[3] if len(sys.argv) > 3 else "Give me three tips for a good night's sleep."
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), scene))
