"""PyInstaller's hook for QtGui, less the Qt plugins a desktop chat app never loads.

It replaces the stock hook of the same name (the spec's hookspath comes first). Dropped
here, before PyInstaller looks for what each plugin links to, the plugins also take their
libraries with them: the GTK 3 theme brings a whole GTK stack that would have to match the
user's own, and the embedded-device platforms (EGLFS, LinuxFB, VNC, Vulkan display) and
input plugins (evdev, TUIO) bring Qt's network module and more.
"""

from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED_PLUGIN_TYPES = {"egldeviceintegrations", "generic"}
UNUSED_PLUGINS = {
    "platformthemes": ("qgtk3",),
    "platforms": ("qeglfs", "qlinuxfb", "qvnc", "qvkkhrdisplay", "qminimalegl"),
}


def _used(source: str) -> bool:
    plugin = Path(source)
    kind = plugin.parent.name
    name = plugin.stem.removeprefix("lib")
    return kind not in UNUSED_PLUGIN_TYPES and name not in UNUSED_PLUGINS.get(kind, ())


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, dest) for source, dest in binaries if _used(source)]
