"""The entry point of ``sotto`` and ``python -m desktop``: protect the process, then run."""

from __future__ import annotations

import sys


def main() -> int:
    from desktop.core.inference.selfcheck import CHECK_BUILD_OPTION, child_main

    if len(sys.argv) == 3 and sys.argv[1] == CHECK_BUILD_OPTION:
        # The build check's child process (selfcheck.py): a frozen app has no `python -m`.
        return child_main(sys.argv[2])
    # Before any other import of ours or of a dependency that could connect or phone home.
    from desktop.core.privacy.protect import protect_process

    guard = protect_process()
    from desktop.cli.main import main as run

    return run(guard=guard)
