"""Sotto's translations, with Qt's own tools.

    python scripts/translations.py update    # refresh the .ts sources from the code
    python scripts/translations.py release   # compile them to .qm (setup and packaging)

``update`` adds new sentences to ``resources/translations/sotto_<language>.ts`` marked
unfinished and drops those the code no longer has; a translator (or Qt Linguist) fills them
in. English, the language the code is written in, needs only the sentences with a count
(``tr("%n file(s) read", "", n)``): their singular and plural, in ``plurals_en.ts``. The
compiled ``.qm`` files are generated, never edited, and not committed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
TOOLS = Path(sys.executable).parent


def sources() -> list[Path]:
    """Every Python file whose sentences reach the user."""
    return sorted((ROOT / "desktop").rglob("*.py"))


ENGLISH_PLURALS = TRANSLATIONS / "plurals_en.ts"


def update(ts: Path) -> None:
    """Bring *ts* in line with the sentences in the code (for English, those with a count)."""
    only_counts = ["-pluralonly"] if ts == ENGLISH_PLURALS else []
    subprocess.run(
        [
            *(TOOLS / "pyside6-lupdate", "-no-obsolete", "-locations", "none", *only_counts),
            *(*sources(), "-ts", ts),
        ],
        check=True,
        capture_output=True,
    )


def release(ts: Path) -> Path:
    """Compile *ts* to the .qm file beside it and return its path."""
    qm = ts.with_suffix(".qm")
    subprocess.run(
        [TOOLS / "pyside6-lrelease", "-silent", ts, "-qm", qm], check=True, capture_output=True
    )
    return qm


def main(command: str) -> int:
    for ts in [*sorted(TRANSLATIONS.glob("sotto_*.ts")), ENGLISH_PLURALS]:
        if command == "update":
            update(ts)
        else:
            release(ts)
    return 0


if __name__ == "__main__":
    if sys.argv[1:] not in (["update"], ["release"]):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
