"""The packaging recipes, checked without building: the spec (as each platform reads it), the
Windows installer script, the macOS plists and every shell script. Windows and macOS packages
cannot be built here; these tests catch what would break them before someone tries.
"""

from __future__ import annotations

import configparser
import plistlib
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path, PureWindowsPath
from typing import Any

import platformdirs.windows
import pytest

from desktop import __version__
from desktop.core.library.installed import STARTER_MODEL_FILE
from desktop.core.paths import APP_NAME

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
ISS = PACKAGING / "windows" / "sotto.iss"
SHELL_SCRIPTS = sorted(PACKAGING.rglob("*.sh"))
REQUIRED_SETUP_KEYS = {
    "AppId",
    "AppName",
    "AppVersion",
    "AppPublisher",
    "DefaultDirName",
    "PrivilegesRequired",
    "OutputDir",
    "OutputBaseFilename",
    "SetupIconFile",
    "UninstallDisplayIcon",
    "ArchitecturesInstallIn64BitMode",
}
REQUIRED_PLIST_KEYS = {
    "CFBundleIdentifier",
    "CFBundleName",
    "CFBundleDisplayName",
    "CFBundleShortVersionString",
    "CFBundleVersion",
    "NSHighResolutionCapable",
    "LSMinimumSystemVersion",
    "NSHumanReadableCopyright",
    "LSApplicationCategoryType",
}


@pytest.fixture(scope="module")
def icons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The icon files the build draws, drawn the same way (packaging/icons.py)."""
    folder = tmp_path_factory.mktemp("icons")
    subprocess.run([sys.executable, str(PACKAGING / "icons.py"), str(folder)], check=True)
    return folder


class Spec:
    """What the spec asked PyInstaller for, read with stand-ins for PyInstaller's classes."""

    def __init__(self, platform: str, icons: Path, workpath: Path) -> None:
        self.calls: dict[str, list[dict[str, Any]]] = {}
        spec = self

        class Target:
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                spec.calls.setdefault(type(self).__name__, []).append(kwargs)
                self.pure: list[Any] = []
                self.scripts: list[Any] = []
                self.binaries: list[Any] = []
                self.datas: list[Any] = []
                self.args = args

        names = ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")
        namespace: dict[str, Any] = {name: type(name, (Target,), {}) for name in names}
        namespace.update(SPECPATH=str(PACKAGING), workpath=str(workpath), DISTPATH="dist")
        source = (PACKAGING / "sotto.spec").read_text(encoding="utf-8")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys, "platform", platform)
            patch.setenv("SOTTO_ICONS_DIR", str(icons))
            exec(compile(source, "sotto.spec", "exec"), namespace)
        self.namespace = namespace

    def one(self, name: str) -> dict[str, Any]:
        (call,) = self.calls[name]
        return call


@pytest.fixture(scope="module")
def specs(icons: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Spec]:
    workpath = tmp_path_factory.mktemp("work")
    return {platform: Spec(platform, icons, workpath) for platform in ("linux", "win32", "darwin")}


def test_spec_names_only_files_that_exist(specs: dict[str, Spec]) -> None:
    for platform, spec in specs.items():
        analysis = spec.one("Analysis")
        named = [Path(script) for script in spec.namespace["a"].args[0]]
        named += [Path(p) for p in analysis["pathex"] + analysis["hookspath"]]
        named += [Path(source) for source, _dest in analysis["datas"] + analysis["binaries"]]
        named += [Path(exe["icon"]) for exe in spec.calls["EXE"] if exe.get("icon")]
        named += [Path(bundle["icon"]) for bundle in spec.calls.get("BUNDLE", [])]
        missing = [path for path in named if not path.exists()]
        assert not missing, (platform, missing)


def test_spec_entry_point_is_the_package_main(specs: dict[str, Spec]) -> None:
    analysis = specs["linux"].one("Analysis")
    scripts = specs["linux"].namespace["a"].args[0]
    assert [Path(script) for script in scripts] == [REPO / "desktop" / "__main__.py"]
    assert "tests" in analysis["excludes"]
    assert "PySide6.QtQml" in analysis["excludes"]
    used = {"PySide6.QtCore", "PySide6.QtSvg", "PySide6.QtNetwork"}  # QtNetwork: one window
    assert not used & set(analysis["excludes"])
    assert "keyring.backends.SecretService" in analysis["hiddenimports"]
    assert "pygments.lexers.python" in analysis["hiddenimports"]


def test_resources_land_where_paths_py_looks(specs: dict[str, Spec]) -> None:
    """desktop/core/paths.py finds them at <_MEIPASS>/resources: the same tree as the repo's."""
    datas = specs["linux"].one("Analysis")["datas"]
    shipped = {
        Path(dest) / Path(source).name
        for source, dest in datas
        if Path(source).is_relative_to(REPO / "resources")
    }
    assert Path("resources/models", STARTER_MODEL_FILE) in shipped
    assert Path("resources/catalog/models.json") in shipped
    assert Path("resources/presets/presets.json") in shipped
    assert Path("resources/icons/sotto.svg") in shipped
    assert Path("resources/icons/phosphor/Phosphor.ttf") in shipped  # every action's icon
    for path in shipped:
        assert (REPO / path).is_file()
        shipped_kinds = (".gguf", ".onnx", ".json", ".svg", ".ttf", ".qm", ".qss", ".html")
        assert path.suffix in shipped_kinds or path.name == "LICENSE", path


def test_windows_gets_a_window_and_a_console_executable(specs: dict[str, Spec]) -> None:
    exes = {call["name"]: call for call in specs["win32"].calls["EXE"]}
    assert exes["sotto"]["console"] is False
    assert exes["sotto-cli"]["console"] is True
    assert [call["name"] for call in specs["linux"].calls["EXE"]] == ["sotto"]
    assert specs["linux"].one("COLLECT")["name"] == APP_NAME


def test_macos_bundle_has_a_valid_info_plist(specs: dict[str, Spec]) -> None:
    bundle = specs["darwin"].one("BUNDLE")
    info = bundle["info_plist"]
    assert info.keys() >= REQUIRED_PLIST_KEYS
    assert plistlib.loads(plistlib.dumps(info)) == info
    assert info["CFBundleShortVersionString"] == info["CFBundleVersion"] == __version__
    assert info["CFBundleIdentifier"] == bundle["bundle_identifier"]
    assert info["NSHighResolutionCapable"] is True
    assert info["LSApplicationCategoryType"].startswith("public.app-category.")
    assert re.fullmatch(r"\d+\.\d+", info["LSMinimumSystemVersion"])
    assert bundle["name"] == f"{APP_NAME}.app"
    assert "BUNDLE" not in specs["linux"].calls


def test_every_plist_parses(specs: dict[str, Spec]) -> None:
    plists = sorted(PACKAGING.rglob("*.plist"))
    assert plists
    for path in plists:
        entitlements = plistlib.loads(path.read_bytes())
        assert all(key.startswith("com.apple.security.") for key in entitlements), path


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda path: path.name)
def test_shell_scripts_parse_and_are_executable(script: Path) -> None:
    subprocess.run(["bash", "-n", str(script)], check=True)
    if script.read_text().startswith("#!/bin/sh"):
        subprocess.run(["sh", "-n", str(script)], check=True)
    assert script.stat().st_mode & 0o111


def test_desktop_entry_is_complete() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    entry.read(PACKAGING / "linux" / "sotto.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Icon"] == "sotto"  # what install.sh names the icons it installs
    assert {"Name", "Exec", "Comment", "Categories"} <= desktop.keys()
    assert desktop["Categories"].endswith(";")


def test_build_script_names_only_files_that_exist() -> None:
    source = (PACKAGING / "build.py").read_text(encoding="utf-8")
    names = re.findall(r'PACKAGING((?: / "[^"]+")+)', source)
    assert names
    for name in names:
        path = PACKAGING.joinpath(*re.findall(r'"([^"]+)"', name))
        assert path.exists(), path


class InnoScript:
    """An Inno Setup script: its #define values, and its sections' lines with those expanded.

    [Setup] lines are ``Key=Value``; the lines of [Files], [Icons], [Run] and [Tasks] are
    ``Param: value; Param: "value"`` lists; [Code] is Pascal, kept as text.
    """

    def __init__(self, text: str, defines: dict[str, str]) -> None:
        self.defines = dict(defines)
        self.sections: dict[str, list[str]] = {}
        section = None
        for raw in text.splitlines():
            line = raw.strip()
            header = re.fullmatch(r"\[(\w+)\]", line)
            if header:
                section = header.group(1)
                assert section not in self.sections, f"[{section}] twice"
                self.sections[section] = []
            elif section == "Code":
                self.sections[section].append(raw)
            elif line.startswith("#"):
                self._directive(line)
            elif line and not line.startswith(";"):
                assert section is not None, f"{line!r} is outside any section"
                self.sections[section].append(self.expand(line))

    def _directive(self, line: str) -> None:
        match = re.fullmatch(r"#define\s+(\w+)\s+(.+)", line)
        if match:
            parts = [part.strip() for part in match.group(2).split("+")]
            self.defines[match.group(1)] = "".join(
                part[1:-1] if part.startswith('"') else self.defines[part] for part in parts
            )
        else:
            assert re.match(r"#(ifndef|ifdef|endif|error|else)\b", line), line

    def expand(self, line: str) -> str:
        return re.sub(r"\{#(\w+)\}", lambda match: self.defines[match.group(1)], line)

    def setup(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for line in self.sections["Setup"]:
            key, _, value = line.partition("=")
            assert key.strip() not in keys, f"{key} twice"
            keys[key.strip()] = value.strip()
        return keys

    def entries(self, section: str) -> Iterator[dict[str, str]]:
        for line in self.sections.get(section, []):
            params = re.findall(r'(\w+):\s*("[^"]*"|[^;]*)\s*(?:;|$)', line)
            assert params, line
            yield {name: value.strip().strip('"') for name, value in params}


@pytest.fixture(scope="module")
def iss() -> InnoScript:
    return InnoScript(ISS.read_text(encoding="utf-8"), {"AppVersion": __version__})


def _resolve(windows_path: str) -> Path:
    """A path the script names, relative to the script's folder, as a path here."""
    return (ISS.parent / Path(*PureWindowsPath(windows_path).parts)).resolve()


def _in_build_layout(path: Path, specs: dict[str, Spec], icons: Path) -> bool:
    """Whether *path* is something `make package` makes on Windows: the app folder (or an
    executable in it), or an icon file."""
    app = REPO / "dist" / specs["win32"].one("COLLECT")["name"]
    executables = {f"{call['name']}.exe" for call in specs["win32"].calls["EXE"]}
    if path.parent == app:
        return path.name in executables | {"*"}
    if path.parent == REPO / "build" / "icons":
        return (icons / path.name).is_file()
    return False


def test_installer_script_has_its_sections_and_keys(iss: InnoScript) -> None:
    assert {"Setup", "Files", "Icons", "Run", "Code"} <= iss.sections.keys()
    setup = iss.setup()
    assert setup.keys() >= REQUIRED_SETUP_KEYS, REQUIRED_SETUP_KEYS - setup.keys()
    assert setup["PrivilegesRequired"] == "lowest"  # per user, no administrator
    assert setup["AppName"] == APP_NAME
    assert setup["AppVersion"] == __version__
    assert setup["DefaultDirName"] == r"{autopf}\Sotto"
    for entry in iss.entries("Files"):
        assert {"Source", "DestDir"} <= entry.keys()
    start_menu = [e for e in iss.entries("Icons") if e["Name"].startswith("{autoprograms}")]
    assert start_menu


def test_installer_script_names_files_of_the_build_or_the_repository(
    iss: InnoScript, specs: dict[str, Spec], icons: Path
) -> None:
    setup = iss.setup()
    named = [setup["SetupIconFile"], setup["LicenseFile"]]
    named += [entry["Source"] for entry in iss.entries("Files")]
    for name in named:
        path = _resolve(name)
        assert path.exists() or _in_build_layout(path, specs, icons), name
    executables = {f"{call['name']}.exe" for call in specs["win32"].calls["EXE"]}
    for entry in [*iss.entries("Icons"), *iss.entries("Run")]:
        assert PureWindowsPath(entry["Filename"]).name in executables, entry
    code = "\n".join(iss.sections["Code"])
    for executable in re.findall(r"\{app\}\\\\?\{#(\w+)\}", code):
        assert iss.defines[executable] in executables


def test_uninstaller_keeps_the_users_data_unless_told(iss: InnoScript) -> None:
    code = iss.expand("\n".join(iss.sections["Code"]))
    # Asked, with No as the answer when the uninstall is silent or the user just presses Enter.
    assert re.search(r"SuppressibleMsgBox\(.*MB_DEFBUTTON2, IDNO\) = IDYES", code)
    assert "forget-everything --include-models --yes" in code
    assert r"DelTree(ExpandConstant('{localappdata}\Sotto')" in code


def test_uninstaller_deletes_where_platformdirs_puts_the_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    local = r"C:\Users\someone\AppData\Local"
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda name: local)
    folders = platformdirs.windows.Windows(appname=APP_NAME, appauthor=False)
    data = PureWindowsPath(local, APP_NAME)
    assert PureWindowsPath(folders.user_data_dir) == data
    assert PureWindowsPath(folders.user_cache_dir).is_relative_to(data)
