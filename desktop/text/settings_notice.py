"""The one line that says Sotto could not use its settings file, or some of its values:
on stderr for a command, in a toast over the window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.app_settings import OFFLINE, SCHEMA, SettingsFound


def settings_notice(found: SettingsFound) -> str | None:
    """What to tell the user about *found* (``AppSettings.read``), or None when all is well."""
    if found.unreadable:
        return QCoreApplication.translate(
            "AppSettings",
            "Sotto could not read its settings file, so it stays offline until you turn "
            "offline mode off, and uses its default settings.",
        )
    sentences = []
    if OFFLINE in found.reset:
        sentences.append(
            QCoreApplication.translate(
                "AppSettings",
                "Sotto could not tell from its settings file whether offline mode is on, so "
                "it stays offline until you turn offline mode off.",
            )
        )
    names = [SCHEMA[key].name for key in found.reset if key != OFFLINE]
    if names:
        comma = QCoreApplication.translate("AppSettings", ", ")  # Chinese lists with "、"
        sentences.append(
            QCoreApplication.translate(
                "AppSettings",
                "Some settings in Sotto's settings file could not be used and are back to "
                "their defaults: {settings}.",
            ).format(settings=comma.join(QCoreApplication.translate(n.context, n) for n in names))
        )
    return " ".join(sentences) or None
