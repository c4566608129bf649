"""A model's name in human words: what the window calls a model file.

A file's name is not its identity for a user: "SmolLM2-135M-Instruct.Q4_1.gguf" reads as
"SmolLM2 135M Instruct". (First version: from the file name alone; the catalog's own
names and one-line descriptions come next.)
"""

from __future__ import annotations

import re
from pathlib import Path

_QUANT = re.compile(r"[._-](?:I?Q\d[\w]*|F16|F32|BF16)$", re.IGNORECASE)


def display_name(path: Path) -> str:
    """The name the window shows for the model file at *path*."""
    stem = path.name.removesuffix(".gguf")
    stem = _QUANT.sub("", stem)
    return re.sub(r"[-_]+", " ", stem).strip() or path.name
