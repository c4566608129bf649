"""The layers hold: the core runs without Qt, its packages depend on each other one way only,
and it never reaches up into the application built on it."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import desktop

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "desktop"
CORE = "desktop.core"

# Run in a fresh interpreter: this one has Qt loaded by the UI tests and the conftest.
IMPORT_THE_CORE = """
import importlib, json, pkgutil, sys
import desktop.core

imported, culprit = [], None
for module in pkgutil.walk_packages(desktop.core.__path__, "desktop.core."):
    importlib.import_module(module.name)
    imported.append(module.name)
    if culprit is None and "PySide6" in sys.modules:
        culprit = module.name
print(json.dumps({"imported": imported, "culprit": culprit}))
"""


def test_the_core_imports_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_THE_CORE], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert "desktop.core.vault.store" in report["imported"]
    assert report["culprit"] is None, (
        f"importing {report['culprit']} loads PySide6: code under desktop/core must not use Qt"
    )


def test_the_command_line_loads_no_widgets() -> None:
    """``sotto ask`` and the other commands run where there is no display: importing the
    command line (and the services it shares with the window) must not load QtWidgets."""
    code = (
        "import sys, desktop.cli.main, desktop.cli.models, desktop.core.services; "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "PySide6.QtCore" in result.stdout  # the translations are loaded, as they should be
    assert "PySide6.QtWidgets" not in result.stdout


def test_the_core_packages_depend_on_each_other_one_way() -> None:
    edges: dict[str, dict[str, str]] = defaultdict(dict)  # package -> package -> why
    for module, imported in _imports():
        source, target = _core_package(module), _core_package(imported)
        if source and target and source != target:
            edges[source].setdefault(target, f"{module} imports {imported}")
    cycle = _cycle(edges) or []
    assert cycle == [], "the core packages import each other in a circle:\n" + "\n".join(
        edges[source][target] for source, target in pairwise(cycle)
    )


def test_the_cycle_finder_names_the_circle() -> None:
    edges = {"a": {"b": ""}, "b": {"c": ""}, "c": {"b": ""}, "d": {"a": ""}}
    assert _cycle(edges) == ["b", "c", "b"]
    assert _cycle({"a": {"b": ""}, "b": {"c": ""}, "d": {"c": ""}}) is None


def test_the_core_imports_nothing_of_the_application_around_it() -> None:
    above = {f"desktop.{m.name}" for m in pkgutil.iter_modules(desktop.__path__)} - {CORE}
    assert {"desktop.ui", "desktop.app"} <= above
    reaching_up = [
        f"{module} imports {imported}"
        for module, imported in _imports()
        if module.startswith(CORE + ".")
        and any(imported == name or imported.startswith(name + ".") for name in above)
    ]
    assert reaching_up == [], "\n".join(reaching_up)


def _imports() -> Iterator[tuple[str, str]]:
    """(module, what it imports) for every import statement under desktop/, wherever it is
    (a function, ``if TYPE_CHECKING``); ``from a import b`` imports ``a.b``."""
    for path in sorted(DESKTOP.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        package = parts[:-1]
        if parts[-1] == "__init__":
            parts = package
        module = ".".join(parts)
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield module, alias.name
            elif isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                origin = ".".join([*base, *([node.module] if node.module else [])])
                for alias in node.names:
                    yield module, f"{origin}.{alias.name}"


def _core_package(module: str) -> str | None:
    """The package of the core that *module* is in (``desktop.core.vault``), or its module
    of its own (``desktop.core.errors``); None outside the core."""
    parts = module.split(".")
    if len(parts) < 3 or ".".join(parts[:2]) != CORE:
        return None
    return ".".join(parts[:3])


def _cycle(edges: dict[str, dict[str, str]]) -> list[str] | None:
    """A circle in the graph *edges*, as its nodes with the first repeated at the end."""
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return None
        path.append(node)
        for target in sorted(edges.get(node, {})):
            found = visit(target)
            if found:
                return found
        path.pop()
        done.add(node)
        return None

    for start in sorted(edges):
        found = visit(start)
        if found:
            return found
    return None


def test_every_file_dialog_goes_through_the_one_that_remembers_nothing() -> None:
    """Qt's file dialogs, used directly, write the folders a user chose outside the data
    folder (desktop/ui/widgets/file_dialogs.py says where); only that module may open one."""
    own = DESKTOP / "ui" / "widgets" / "file_dialogs.py"
    direct = [
        str(path.relative_to(ROOT))
        for path in DESKTOP.rglob("*.py")
        if path != own and "QFileDialog" in path.read_text("utf-8")
    ]
    assert direct == []
