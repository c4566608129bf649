"""Indexing in a child process, for what the test process must not risk itself: a file that
could hang it (it is killed at the timeout instead), one that could fill its memory (the
child's own peak is measured), or one read without root's permission override."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[4]

CHILD = """
import json, sys
from pathlib import Path
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import DocumentLibrary, add_to_collection
from desktop.core.paths import AppPaths
from desktop.core.services import open_store
from desktop.text.messages import user_message
from desktop.core.vault.opener import VaultOpener
from tests.unit.core.documents.conftest import BagOfWords

paths = AppPaths.resolve(Path(sys.argv[1])).ensure()
fast = {"n": 2**10, "r": 8, "p": 1}  # tests.conftest's FAST_KDF, without its imports
store = open_store(VaultOpener(paths, keyring_finder=lambda: None, kdf_params=fast).open("x"))
index = DocumentLibrary.of(paths, store.db).open()
bag = BagOfWords()
add_to_collection(index, "Matter", [Path(source) for source in sys.argv[2:]], bag)
report = index_collection(index, "Matter", bag)
print(json.dumps({
    "indexed": [path.name for path in report.indexed],
    "unchanged": report.unchanged,
    "failed": {path.name: [error.code, user_message(error)] for path, error in report.failed},
    "removed": [path.name for path in report.removed],
    "unavailable": [str(path) for path in report.unavailable],
    # VmHWM is this program's own peak: ru_maxrss keeps the test process's across the exec.
    "peak_mib": next(
        int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")
    ) / 1024,
}))
"""


def index_in_child(
    data_dir: Path, sources: Sequence[Path], prefix: Sequence[str] = (), timeout: float = 60
) -> dict[str, Any]:
    """Index *sources* into the collection "Matter" of the passphrase vault in *data_dir*
    (made if new) in a child process run under *prefix*; what it did. A child that hangs
    fails the test at *timeout* seconds."""
    child = subprocess.run(
        [*prefix, sys.executable, "-c", CHILD, str(data_dir), *map(str, sources)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    result: dict[str, Any] = json.loads(child.stdout)
    return result
