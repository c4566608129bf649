"""Take a screenshot of the real window. Run it on an X screen (Xvfb):

xvfb-run -a -s "-screen 0 1280x800x24" python -m tests.e2e.screenshot OUT.png DATA_DIR [SCENE]

SCENE is a question to send (the default sends one), or one of:

- ``welcome``: a first start, the welcome in an empty chat;
- ``chat``: the saved conversation shown as it is (numbered clauses, a long code line);
- ``settings``: the Settings dialog over the window;
- ``library``: the model library's Catalog;
- ``documents``: *File → Documents…* with a lease and a licence indexed;
- ``sources``: a question about them answered, its sources under the reply.

Each is captured once the starter model is loaded, in a window as large as the screen allows
(up to 1180 by 740). The window speaks the language chosen in DATA_DIR (``settings.json``
holding ``"language": "zh_CN"``) or the system's, in the theme chosen there (``"theme":
"dark"``). ``scripts/screenshots.sh`` takes the README's set.

The process is protected as ``sotto`` protects itself (network guard, no telemetry, no core
dumps); on exit it prints how many attempts to reach beyond the machine the guard saw. The
history opens with the OS keyring, or with SOTTO_PASSPHRASE where there is none.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import build_main_window
from desktop.core.chat.presets import load_presets
from desktop.core.inference.types import Sampling
from desktop.core.language import CHINESE, ENGLISH
from desktop.core.paths import AppPaths
from desktop.core.privacy.protect import protect_process
from desktop.core.services import open_store
from desktop.core.vault.opener import VaultOpener
from desktop.text.translation import apply_language, chosen_language
from desktop.ui.chat.chat_settings import new_chat_settings

LONG_LINE = (
    'print(f"{client} owes {amount:,.2f} under clause {clause}, due {due:%d %B %Y}, '
    'with interest at {rate:.1%} a month from {start:%d %B %Y}, as agreed on {signed:%d %B %Y}")'
)

MULAN = Path(__file__).resolve().parents[1] / "bench" / "corpus" / "MulanPSL-2.0.txt"

CODE = f"""```python
from pathlib import Path

text = Path("notes.txt").read_text(encoding="utf-8")
with open("big.log", encoding="utf-8") as file:
    for line in file:
        print(line.rstrip())
{LONG_LINE}
```
"""

CLAUSES = """**7. Payment**
7.1 The Client shall pay each invoice within 30 days of receiving it.
7.2 Late payments carry interest at 2% a month.
7.3 Either party may dispute an invoice, in writing, within 14 days.

"""

CLAUSES_ZH = """**第 7 条 付款**
7.1 客户应在收到发票后 30 日内付款。
7.2 逾期付款按每月 2% 计息。
7.3 任何一方均可在 14 日内以书面形式对发票提出异议。

"""

RICH_REPLY = (
    CLAUSES
    + """## Two ways

| Way | Reads | Good for |
|-----|-------|----------|
| `read_text()` | the whole file | small files |
| a `for` loop | a line at a time | large files |

"""
    + CODE
    + """
1. **Whole file**: simplest, but it holds everything in memory.
2. **Line by line**: steady memory, whatever the size.

> Always name the encoding: the default differs between systems.

"""
    + "\n\n".join(
        f"Point {n}: a longer explanation follows, so that the reply runs past the screen and the "
        "view has to scroll to show it all."
        for n in range(1, 9)
    )
)


RICH_REPLY_ZH = (
    CLAUSES_ZH
    + """## 两种方法

| 方法 | 读取 | 适合 |
|------|------|------|
| `read_text()` | 整个文件 | 小文件 |
| `for` 循环 | 一次一行 | 大文件 |

"""
    + CODE
    + """
1. **整个读入**：最简单，但全部内容都在内存里。
2. **逐行读取**：无论文件多大，内存占用都很平稳。

> 始终写明编码：不同系统的默认编码并不相同。

"""
    + "\n\n".join(
        f"第 {n} 点：后面还有更长的说明，让回复超出屏幕，需要滚动才能看完。" for n in range(1, 9)
    )
)

LEASE = """LEASE OF 14 CANAL STREET

1. Parties
1.1 The Landlord is Acme Property Ltd.
1.2 The Tenant is Beta Design LLP.

2. Rent
2.1 The rent is 2,400 euros a month, paid in advance on the first working day of each month.
2.2 Rent paid more than ten days late carries interest at 4% a year above the base rate.
2.3 The rent is reviewed every third year, upwards only.

3. Repairs
3.1 The Tenant keeps the inside of the premises in good repair.
3.2 The Landlord repairs the roof, the structure and the shared parts.

4. Ending the lease
4.1 Either party may end this lease on six months' written notice after the second year.
"""

SEEDS = {  # per language: two titles, then a question and its reply
    ENGLISH: (
        ("Packing list for Lisbon", "Contract clause 7, second draft"),
        ("Compare two ways to read a file in Python.", RICH_REPLY),
    ),
    CHINESE: (
        ("里斯本行李清单", "合同第 7 条，第二稿"),
        ("比较一下 Python 读取文件的两种方法。", RICH_REPLY_ZH),
    ),
}


def main(out: Path, data_dir: Path, scene: str) -> int:
    guard = protect_process()
    app = QApplication([sys.argv[0], "-platform", "xcb"])
    paths = AppPaths.resolve(data_dir).ensure()
    language = chosen_language(paths)
    apply_language(app, language)
    db = VaultOpener(paths).open(os.environ.get("SOTTO_PASSPHRASE"))
    store = open_store(db)
    sampling = Sampling(temperature=0.0, max_tokens=80)
    settings = new_chat_settings(load_presets(language=language), sampling)
    if scene not in ("welcome", "documents", "sources") and not store.list_conversations():
        titles, (question, reply) = SEEDS[language]
        for title in titles:
            conversation = store.create_conversation()
            store.add_message(conversation.id, "user", title)
        conversation = store.create_conversation(
            system_prompt=settings.system_prompt, sampling=settings.to_dict()
        )
        store.update_settings(conversation.id, preset=settings.preset_id)
        store.add_message(conversation.id, "user", question)
        store.add_message(conversation.id, "assistant", reply)
        seeded: int | None = conversation.id
    else:
        seeded = None  # a history of the user's: the question starts a new chat
    window = build_main_window(paths, store, guard, sampling, language)
    window.resize(window.screen().availableGeometry().size().boundedTo(QSize(1180, 740)))
    window.show()
    if seeded is not None:
        window.open_conversation(seeded)

    def grab() -> None:
        screen = window.screen().grabWindow(0)  # the X screen itself, as a user would see it
        saved = screen.save(str(out), "PNG")
        window.close()
        app.exit(0 if saved else 1)

    def show_library() -> None:
        library = window.show_library()
        library.tabs.setCurrentWidget(library.catalog)
        library.catalog.tree.setCurrentItem(library.catalog.tree.topLevelItem(0).child(4).child(0))
        QTimer.singleShot(500, lambda: grab_widget(library))

    def grab_widget(widget: QWidget) -> None:
        saved = widget.screen().grabWindow(0).save(str(out), "PNG")
        window.close()
        app.exit(0 if saved else 1)

    def show_settings() -> None:
        dialog = window.dialogs.show_settings()
        dialog.move(window.geometry().center() - dialog.rect().center())
        QTimer.singleShot(500, grab)

    def scroll_to(words: dict[str, str]) -> None:  # in the saved reply: clauses, a table, code
        shown = window.conversation
        if shown is not None:
            saved = store.messages(shown.id, limit=4)
            window.chat_view.highlight(saved[1].id, words[language])
        QTimer.singleShot(300, grab)

    def matter() -> list[Path]:
        folder = data_dir.parent / f"{data_dir.name}-matter"
        folder.mkdir(exist_ok=True)
        lease = folder / "Lease - 14 Canal Street.txt"
        lease.write_text(LEASE, encoding="utf-8")
        licence = folder / "MulanPSL-2.0.txt"
        licence.write_text(MULAN.read_text(encoding="utf-8"), encoding="utf-8")
        return [lease, licence]

    def index_then(then: Callable[[], None]) -> None:
        window.documents.attach(matter())  # read without the Documents window: shown here
        documents = window.documents.show()
        documents.move(window.geometry().center() - documents.rect().center())

        def check() -> None:
            collection = documents.selected_collection()
            if collection is not None and collection.files == 2 and not collection.pending:
                QTimer.singleShot(300, then)
            else:
                QTimer.singleShot(200, check)

        check()

    def ask_the_lease() -> None:
        window.documents.made().hide()
        window.client.finished.connect(lambda reply: QTimer.singleShot(300, grab))
        question = {
            ENGLISH: "When is the rent due, and what if it is paid late?",
            CHINESE: "租金什么时候付？逾期付款怎么办？",
        }
        window.send(question[language])

    def from_the_top() -> None:  # the question, then the reply's clauses, table and code
        window.chat_view.verticalScrollBar().setValue(0)
        QTimer.singleShot(300, grab)

    scenes: dict[str, Callable[[], None]] = {
        "library": show_library,
        "settings": show_settings,
        "welcome": lambda: QTimer.singleShot(500, grab),
        "chat": lambda: QTimer.singleShot(500, from_the_top),
        "documents": lambda: index_then(grab),
        "sources": lambda: index_then(ask_the_lease),
    }
    if scene in scenes:
        window.client.loaded.connect(lambda model: scenes[scene]())
    else:
        window.client.loaded.connect(lambda model: window.send(scene))
        table = {ENGLISH: "ways", CHINESE: "方法"}
        window.client.finished.connect(
            lambda reply: QTimer.singleShot(100, lambda: scroll_to(table))
        )
    window.client.load_failed.connect(lambda error, model: app.exit(2))
    window.load_model(window.model_picker.itemData(0))
    QTimer.singleShot(120_000, lambda: app.exit(3))
    try:
        return app.exec()
    finally:
        db.close()
        print(f"network attempts: {len(guard.attempts())}")


if __name__ == "__main__":
    scene = sys.argv[3] if len(sys.argv) > 3 else "Give me three tips for a good night's sleep."
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), scene))
