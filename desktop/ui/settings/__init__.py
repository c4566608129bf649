"""The Settings dialog (``SettingsDialog``) and its pages, one file each."""

from desktop.ui.settings.dialog import SettingsDialog

__all__ = ["SettingsDialog"]
