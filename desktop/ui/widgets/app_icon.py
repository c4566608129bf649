"""Sotto's icon, drawn from its SVG source: in the window, and as the package's icon files."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop.core.paths import RESOURCES_DIR

ICON_SVG = RESOURCES_DIR / "icons" / "sotto.svg"

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""The square sizes drawn for the window and for desktop menus."""


def render_icon(size: int) -> QImage:
    """The icon drawn *size* pixels square on a transparent background.

    Raises:
        FileNotFoundError: the SVG source is missing or unreadable (a broken install).
    """
    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        raise FileNotFoundError(f"the icon {ICON_SVG} is missing or not valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def app_icon() -> QIcon:
    """The application's icon at every size in ``ICON_SIZES``, for ``setWindowIcon``.

    Drawn here rather than loaded as an SVG icon, so that it needs no image plugin.
    """
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(QPixmap.fromImage(render_icon(size)))
    return icon
