"""Draw the package's icon files from resources/icons/sotto.svg (they are never committed).

``python packaging/icons.py OUT_DIR`` writes sotto-16.png … sotto-512.png (desktop menus),
sotto.ico (Windows) and sotto.icns (macOS) into OUT_DIR.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # drawing needs no screen

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QGuiApplication, QImage

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.ui.widgets.app_icon import ICON_SIZES, render_icon  # noqa: E402

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
"""What Windows picks from for the taskbar, Start menu and Explorer (256 is its largest)."""
ICNS_SIZE = 1024
"""macOS's largest icon; the .icns writer makes the smaller ones from it."""


def png_path(out_dir: Path, size: int) -> Path:
    """Where the PNG of *size* pixels is written."""
    return out_dir / f"sotto-{size}.png"


def render_all(out_dir: Path) -> list[Path]:
    """Write every icon file into *out_dir*; return their paths."""
    app = QGuiApplication.instance() or QGuiApplication([])
    del app  # only needs to exist while drawing
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for size in ICON_SIZES:
        path = png_path(out_dir, size)
        if not render_icon(size).save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        written.append(path)
    # Each size drawn from the SVG, rather than scaled down from a large one: crisper.
    ico_images = [_pillow(render_icon(size)) for size in ICO_SIZES]
    ico = out_dir / "sotto.ico"
    ico_images[-1].save(
        ico, sizes=[(size, size) for size in ICO_SIZES], append_images=ico_images[:-1]
    )
    icns = out_dir / "sotto.icns"
    _pillow(render_icon(ICNS_SIZE)).save(icns)
    return [*written, ico, icns]


def _pillow(image: QImage) -> Image.Image:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


if __name__ == "__main__":
    for path in render_all(Path(sys.argv[1])):
        print(path)
