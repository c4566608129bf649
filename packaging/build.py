"""Build Sotto's package for this platform: ``make package`` runs it.

1. Draws the icons from resources/icons/sotto.svg into build/icons.
2. Runs PyInstaller on packaging/sotto.spec: dist/Sotto (dist/Sotto.app on macOS). Its work
   folder, build/pyinstaller, is kept, so a second build reuses what did not change.
3. Finishes for the platform:
   - Linux: adds install.sh, sotto.desktop and the icons to the folder and packs it as
     dist/Sotto-VERSION-linux-ARCH.tar.gz;
   - Windows: compiles packaging/windows/sotto.iss with Inno Setup's ISCC, when installed;
   - macOS: makes dist/Sotto-VERSION-macos-ARCH.dmg (packaging/macos/make_dmg.sh).
4. Prints the unpacked size.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop import __version__  # noqa: E402

PACKAGING = REPO / "packaging"
DIST = REPO / "dist"
BUILD = REPO / "build"
ICONS = BUILD / "icons"
WORK = BUILD / "pyinstaller"
APP_NAME = "Sotto"


def main() -> int:
    started = time.monotonic()
    subprocess.run([sys.executable, str(PACKAGING / "icons.py"), str(ICONS)], check=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={DIST}",
            f"--workpath={WORK}",
            str(PACKAGING / "sotto.spec"),
        ],
        check=True,
        env=dict(os.environ, SOTTO_ICONS_DIR=str(ICONS)),
    )
    arch = platform.machine().lower()
    if sys.platform == "darwin":
        app = DIST / f"{APP_NAME}.app"
        dmg = DIST / f"{APP_NAME}-{__version__}-macos-{arch}.dmg"
        subprocess.run(["bash", str(PACKAGING / "macos" / "make_dmg.sh"), str(app), str(dmg)])
        outputs = [dmg]
    elif sys.platform == "win32":
        app = DIST / APP_NAME
        outputs = _windows_installer()
    else:
        app = DIST / APP_NAME
        _finish_linux(app)
        outputs = [_tar(app, DIST / f"{APP_NAME}-{__version__}-linux-{arch}.tar.gz")]
    print(f"Built in {time.monotonic() - started:.0f} s: {app}")
    print(f"Unpacked size: {unpacked_size(app) / 1e6:.1f} MB")
    for output in outputs:
        print(f"{output.name}: {output.stat().st_size / 1e6:.1f} MB")
    return 0


def unpacked_size(folder: Path) -> int:
    """Bytes of every file under *folder* (links counted as links, not as what they name)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir())


def _finish_linux(app: Path) -> None:
    """Add what puts the folder in a desktop menu: ./install.sh, the .desktop entry, icons."""
    for name in ("install.sh", "sotto.desktop"):
        shutil.copy2(PACKAGING / "linux" / name, app / name)
    (app / "install.sh").chmod(0o755)
    icons = app / "icons"
    icons.mkdir(exist_ok=True)
    for png in sorted(ICONS.glob("sotto-*.png")):
        shutil.copy2(png, icons / png.name)


def _tar(app: Path, archive: Path) -> Path:
    """Pack *app* as *archive*, unpacking into a folder of the same name."""
    partial = archive.with_name(archive.name + ".tmp")
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        tar.add(app, arcname=app.name, filter=_owned_by_nobody)
    partial.replace(archive)
    return archive


def _owned_by_nobody(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """The builder's user and group names are none of the user's business."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _windows_installer() -> list[Path]:
    iss = PACKAGING / "windows" / "sotto.iss"
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    command = [iscc or "ISCC", f"/DAppVersion={__version__}", str(iss)]
    if iscc is None:
        print("Inno Setup is not installed: the installer is not built. With it:")
        print("  " + subprocess.list2cmdline(command))
        return []
    subprocess.run(command, check=True)
    return sorted(DIST.glob(f"{APP_NAME}-{__version__}-windows-*-setup.exe"))


if __name__ == "__main__":
    sys.exit(main())
