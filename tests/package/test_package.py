"""The Linux package, built with `make package`'s command and used as a user would: unpacked
from its .tar.gz, run with no Python of ours, no network, no display and no keyring, and
added to (then removed from) the applications menu.

The build reuses PyInstaller's work folder (build/pyinstaller) between runs; from nothing it
takes under a minute on 2 cores.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

import pytest
from PyInstaller.archive.readers import pkg_archive_contents

from desktop import __version__
from desktop.core.documents.embedder import EMBEDDER_FILE, TOKENIZER_PATH
from desktop.core.library.installed import STARTER_MODEL_FILE
from tests.scan_builder import picture_file, text_picture

pytestmark = [
    pytest.mark.package,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux package"),
]

REPO = Path(__file__).resolve().parents[2]
SIZE_LIMIT = 740_000_000
"""Bytes the unpacked folder may take, the starter model (98 MB) included. It was 350 MB
until the documents' embedding model (all-MiniLM-L6-v2, Q8_0, 25 MB) took the package past it,
and 400 MB (380 MB used) until text recognition for scans brought 277 MB: OpenCV 179 MB (with
its own OpenBLAS and FFmpeg), onnxruntime 37 MB, RapidOCR with its two models 31 MB, Pillow
19 MB, Shapely and pyclipper 10 MB; with the other changes of that release (the approximate
vector index: usearch and numkong, 58 MB; the embedding model run by onnxruntime) the package
measured 733 MB."""
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
NOT_SHIPPED_NAMES = {
    "tests",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    ".git",
    ".partial",
}
NOT_SHIPPED_SUFFIXES = {".pyc", ".py", ".ts", ".part", ".partial", ".tmp"}
SHIPPED_AS_SOURCE = PurePath("_internal", "cv2")
"""OpenCV's loader runs its configuration as files, so PyInstaller ships its package as source
(none of it ours: text recognition's OpenCV, from its wheel)."""
NOT_SHIPPED_MODULES = ("tests", "pytest", "_pytest", "pytestqt", "hypothesis", "mypy")


@dataclass(frozen=True)
class Package:
    folder: Path
    """The app folder as `make package` left it (dist/Sotto)."""
    archive: Path
    unpacked: Path
    """The app folder unpacked from the archive, in a path with a space in it."""


@pytest.fixture(scope="module")
def package(
    tmp_path_factory: pytest.TempPathFactory, report: Callable[[str], None]
) -> Iterator[Package]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "build.py")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    built = time.monotonic() - started
    archive = REPO / "dist" / f"Sotto-{__version__}-linux-{os.uname().machine.lower()}.tar.gz"
    assert archive.is_file(), result.stdout
    target = tmp_path_factory.mktemp("unpacked") / "Programs here"
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    package = Package(REPO / "dist" / "Sotto", archive, target / "Sotto")
    size = _unpacked_size(package.unpacked)
    report(
        f"package {archive.name}: built in {built:.0f} s, "
        f"{archive.stat().st_size / 1e6:.1f} MB packed, {size / 1e6:.1f} MB unpacked "
        f"(limit {SIZE_LIMIT / 1e6:.0f} MB)"
    )
    yield package


def _unpacked_size(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir())


def _no_network() -> list[str]:
    """`unshare -n` where this user may make a network namespace (root can), else nothing."""
    try:
        allowed = subprocess.run(["unshare", "-n", "true"], check=False).returncode == 0
    except FileNotFoundError:
        allowed = False
    return ["unshare", "-n"] if allowed else []


def _bare_environment(home: Path) -> dict[str, str]:
    """What a double-click gives: no Python of ours, no display, and here no keyring."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/sotto-no-bus",
    }


def self_check(
    package: Package, data: Path, *model: str, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run the unpacked app's ``--self-check`` with its state in *data*, as a user would."""
    return subprocess.run(
        [*prefix, str(package.unpacked / "sotto"), "--data-dir", str(data), "--self-check", *model],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=_bare_environment(data.parent),
    )


def test_unpacked_package_passes_its_self_check_offline(package: Package, tmp_path: Path) -> None:
    result = self_check(package, tmp_path / "data", prefix=tuple(_no_network()))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Inference library: passed, it runs on this processor."
    assert lines[1].startswith("Model SmolLM2-135M-Instruct.Q4_1: passed, ")
    assert lines[2].startswith("Encrypted history: passed, written, reopened and read back")
    assert len(lines) == 3


def test_unpacked_package_reads_a_scan_offline(package: Package, tmp_path: Path) -> None:
    """Text recognition's models and onnxruntime's libraries are in the package: a picture
    of Chinese and English text is read and found, with no network to fetch anything."""
    scan = tmp_path / "note.png"
    scan.write_bytes(picture_file([text_picture(["Quince orchard", "租赁保证金"])], "PNG"))
    data = tmp_path / "data"
    env = dict(_bare_environment(tmp_path), SOTTO_PASSPHRASE="package test passphrase")

    def sotto(*args: str) -> subprocess.CompletedProcess[str]:
        command = [*_no_network(), str(package.unpacked / "sotto"), "--data-dir", str(data)]
        return subprocess.run(
            [*command, *args], capture_output=True, text=True, timeout=300, env=env, check=False
        )

    added = sotto("docs", "add", str(scan))
    assert added.returncode == 0, added.stdout + added.stderr
    for query in ("orchard", "保证金"):
        found = sotto("docs", "search", "--mode", "fts", "--json", query)
        assert found.returncode == 0, found.stdout + found.stderr
        best = json.loads(found.stdout)[0]
        assert (Path(best["file"]).name, best["scanned"]) == ("note.png", True)


def test_unpacked_package_self_check_of_a_bad_model_exits_1(
    package: Package, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.gguf"
    notes.write_text("not a model")
    result = self_check(package, tmp_path / "data", str(notes))
    assert result.returncode == 1
    assert "Model notes: FAILED. notes.gguf is not a GGUF model file" in result.stdout


def test_unpacked_package_speaks_chinese_when_chosen(package: Package, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    # as View → Language saves it
    (data / "settings.json").write_text('{"language": "zh_CN"}', encoding="utf-8")
    result = self_check(package, data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("推理库：通过")


def test_install_script_adds_sotto_to_the_menu_and_removes_it(
    package: Package, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    data = home / ".local" / "share"
    env = dict(_bare_environment(home), XDG_DATA_HOME=str(data))
    install = package.unpacked / "install.sh"
    subprocess.run([str(install)], check=True, env=env, capture_output=True)

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    entry.read(data / "applications" / "sotto.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == "Sotto"
    assert desktop["Exec"] == f'"{package.unpacked / "sotto"}"'
    assert desktop["Icon"] == "sotto"
    for size in ICON_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "sotto.png").is_file()

    subprocess.run([str(install), "--uninstall"], check=True, env=env, capture_output=True)
    assert not (data / "applications" / "sotto.desktop").exists()
    assert not list((data / "icons").rglob("sotto.png"))
    assert (package.unpacked / "sotto").is_file()  # the folder itself is left alone


def test_package_ships_the_resources_and_nothing_of_the_developers(package: Package) -> None:
    internal = package.unpacked / "_internal"
    shipped = {
        path.relative_to(internal / "resources").as_posix()
        for path in (internal / "resources").rglob("*")
        if path.is_file()
    }
    resources = REPO / "resources"
    expected = {
        f"models/{STARTER_MODEL_FILE}",
        f"models/embedding/{EMBEDDER_FILE}",
        f"models/embedding/{TOKENIZER_PATH.name}",
    }
    patterns = ("catalog/*", "presets/*", "translations/*.qm", "icons/*", "icons/phosphor/*")
    for pattern in (*patterns, "themes/*", "help/*"):
        expected |= {
            path.relative_to(resources).as_posix()
            for path in resources.glob(pattern)
            if path.is_file()
        }
    assert shipped == expected
    qt_translations = internal / "PySide6" / "Qt" / "translations"
    for qm in resources.glob("translations/sotto_*.qm"):
        language = qm.stem.removeprefix("sotto_")
        assert (qt_translations / f"qtbase_{language}.qm").is_file()
        assert (qt_translations / f"qt_{language}.qm").is_file()

    for path in package.unpacked.rglob("*"):
        relative = path.relative_to(package.unpacked)
        assert not NOT_SHIPPED_NAMES & set(relative.parts), relative
        if not relative.is_relative_to(SHIPPED_AS_SOURCE):
            assert path.suffix not in NOT_SHIPPED_SUFFIXES, relative
    modules = pkg_archive_contents(str(package.unpacked / "sotto"))
    assert "desktop.app" in modules
    assert not [m for m in modules if m.split(".")[0] in NOT_SHIPPED_MODULES]


def test_no_file_names_the_developers_folders(package: Package) -> None:
    """No file holds the repository's path; no text file holds the builder's home folder.

    (Python built from source keeps its install folder, which may be in a home folder, in
    its libraries, as the place to look for its own: harmless where it does not exist.)
    """
    repo = str(REPO).encode()
    home = re.compile(rb"(?<![\w.-])" + re.escape(str(Path.home()).encode()) + rb"/")
    for path in package.unpacked.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        assert repo not in data, path
        if b"\0" not in data[:8192]:
            assert not home.search(data), path


def test_unpacked_size_is_within_the_limit(package: Package) -> None:
    assert _unpacked_size(package.unpacked) < SIZE_LIMIT
    assert _unpacked_size(package.folder) == _unpacked_size(package.unpacked)
