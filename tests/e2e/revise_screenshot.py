"""A contract of twenty pages and more revised through the real window, on an X screen:

xvfb-run -a -s "-screen 0 1280x800x24" python -m tests.e2e.revise_screenshot OUT_DIR DATA_DIR

*File → Revise a document…* reads OUT_DIR/contract.docx (made by tests/contract_builder.py:
numbered clauses, a table, a header), the starter model revises clause 4, the review is
captured (OUT_DIR/review.png), the copy saved with tracked changes (OUT_DIR/revised.docx),
printed by LibreOffice (OUT_DIR/revised.pdf) and its page with clause 4 drawn by pdftoppm
(OUT_DIR/revised-page.png). Prints the seconds the model took per paragraph and the page.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import build_main_window
from desktop.core.inference.types import Sampling
from desktop.core.paths import AppPaths
from desktop.core.privacy.protect import protect_process
from desktop.core.services import open_store
from desktop.core.vault.opener import VaultOpener
from desktop.ui.revise.revise_dialog import ReviseDialog
from tests.contract_builder import contract

INSTRUCTION = "Cap the liability at the fees paid in the year before the claim."
CLAUSE = "4. Liability"


def main(out: Path, data_dir: Path) -> int:
    guard = protect_process()
    app = QApplication([sys.argv[0], "-platform", "xcb"])
    paths = AppPaths.resolve(data_dir).ensure()
    db = VaultOpener(paths).open(os.environ.get("SOTTO_PASSPHRASE"))
    window = build_main_window(paths, open_store(db), guard, Sampling(temperature=0.0))
    window.resize(window.screen().availableGeometry().size().boundedTo(QSize(1180, 740)))
    window.show()
    original = contract(out / "contract.docx")
    started: list[float] = []

    def revise() -> None:
        dialog = window.show_revise()
        dialog.open_document(original)

        def choose() -> None:
            if dialog.headings.count() == 0:
                QTimer.singleShot(100, choose)
                return
            dialog.instruction.setPlainText(INSTRUCTION)
            items = [dialog.headings.item(row) for row in range(dialog.headings.count())]
            items[0].setCheckState(items[0].checkState().Unchecked)
            next(item for item in items if item.text() == CLAUSE).setCheckState(
                items[0].checkState().Checked
            )
            started.append(time.monotonic())
            dialog.start.click()

        def reviewed() -> None:
            asked = dialog.review._asked
            print(f"model: {(time.monotonic() - started[0]) / max(asked, 1):.1f} s a paragraph")
            dialog.raise_()
            QTimer.singleShot(700, lambda: grab_then_save(dialog))

        dialog.recorded.connect(lambda _id: reviewed())
        QTimer.singleShot(0, choose)

    def grab_then_save(dialog: ReviseDialog) -> None:
        window.screen().grabWindow(0).save(str(out / "review.png"), "PNG")
        # The starter model's replies often run to their length limit, and those start
        # rejected: every one is taken, to show the machinery.
        dialog.review.accept_all.click()
        dialog.saved.connect(lambda path: finish(path))
        dialog.save_copy(out / "revised.docx")

    def finish(saved: Path) -> None:
        window.close()
        app.exit(render(saved, out))

    window.client.loaded.connect(lambda model: revise())
    window.client.load_failed.connect(lambda error, model: app.exit(2))
    window.load_model(window.model_picker.itemData(0))
    QTimer.singleShot(900_000, lambda: app.exit(3))
    try:
        return app.exec()
    finally:
        db.close()
        print(f"network attempts: {len(guard.attempts())}")


def render(saved: Path, out: Path) -> int:
    """Print *saved* with LibreOffice and draw the page of clause 4; 0 if both worked."""
    printed = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{out / 'office-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(saved),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    pdf = out / f"{saved.stem}.pdf"
    if printed.returncode != 0 or not pdf.exists():
        return 4
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    page = next(number for number, page in enumerate(pages, 1) if CLAUSE in page)
    print(f"pages: {len(pages) - 1}; {CLAUSE} on page {page}")
    drawn = subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(out / "revised-page"),
        ],
        check=False,
    )
    return 0 if drawn.returncode == 0 else 5


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
