"""Putting Sotto in the user's language: Qt's translators, the locale that formats numbers
and dates, and a font for Chinese. Shared by the window and the command line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from desktop.core.app_settings import AppSettings
from desktop.core.language import CHINESE, ENGLISH, read_choice, system_language
from desktop.core.paths import RESOURCES_DIR, AppPaths

TRANSLATIONS_DIR = RESOURCES_DIR / "translations"

CHINESE_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei UI", "PingFang SC")
"""Fonts drawing Simplified Chinese with its own glyph shapes (not Japanese ones), by system."""


def chosen_language(paths: AppPaths) -> str:
    """The language the user chose in Sotto, or else the system's, if Sotto speaks it."""
    chosen = read_choice(AppSettings(paths.settings_path))
    return chosen or system_language(QLocale.system().uiLanguages())


def apply_language(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Translate what *app* shows into *language* and format numbers and dates for it;
    return the translators installed.

    Call it before the first window or sentence is made: texts already shown stay as they
    are.
    """
    system = QLocale.system()
    speaks_system = system_language(system.uiLanguages()) == language
    QLocale.setDefault(system if speaks_system else QLocale(language))
    installed = []
    if language == ENGLISH:  # only the singular and plural of sentences with a count
        plurals = QTranslator(app)
        if plurals.load(str(TRANSLATIONS_DIR / "plurals_en.qm")):
            installed.append(plurals)
    else:
        qt = QTranslator(app)  # Qt's own texts: the buttons of message boxes, edit menus
        ours = QTranslator(app)
        if qt.load(QLocale(language), "qtbase", "_", _qt_translations()):
            installed.append(qt)
        if ours.load(str(TRANSLATIONS_DIR / f"sotto_{language}.qm")):
            installed.append(ours)
    for translator in installed:
        app.installTranslator(translator)
    if isinstance(app, QGuiApplication):
        app.setFont(_font_for(app.font(), language))
    return installed


def _qt_translations() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def _font_for(font: QFont, language: str) -> QFont:
    """*font* with a Simplified Chinese font: first for a Chinese interface, else as the
    fallback for Chinese words in messages."""
    installed = set(QFontDatabase.families())
    chinese = [family for family in CHINESE_FONTS if family in installed][:1]
    families = [f for f in font.families() or [font.family()] if f not in chinese]
    font.setFamilies(chinese + families if language == CHINESE else families + chinese)
    return font
