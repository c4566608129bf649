"""The layers hold: the core runs without Qt, the rows of ARCHITECTURE.md (import-linter's
contracts), no circle of modules, and the command line without widgets."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "desktop"

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


def test_the_layers_of_the_architecture_hold() -> None:
    """The rows of ARCHITECTURE.md, as import-linter contracts in pyproject.toml: the
    application's layers, the core's packages one way, and no Qt in the core."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr


def test_no_two_modules_import_each_other() -> None:
    """A circle of files (even under TYPE_CHECKING) means two ideas that should be one, or a
    third that both should import."""
    edges: dict[str, dict[str, str]] = defaultdict(dict)
    modules = {module for module, _ in _imports()}
    for module, imported in _imports():
        target = imported if imported in modules else imported.rpartition(".")[0]
        if target in modules and target != module and not module.startswith(target + "."):
            edges[module].setdefault(target, f"{module} imports {target}")
    cycle = _cycle(edges) or []
    assert cycle == [], "these modules import each other in a circle:\n" + "\n".join(
        edges[source][target] for source, target in pairwise(cycle)
    )


def test_the_cycle_finder_names_the_circle() -> None:
    edges = {"a": {"b": ""}, "b": {"c": ""}, "c": {"b": ""}, "d": {"a": ""}}
    assert _cycle(edges) == ["b", "c", "b"]
    assert _cycle({"a": {"b": ""}, "b": {"c": ""}, "d": {"c": ""}}) is None


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
