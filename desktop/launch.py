"""The entry point of ``sotto`` and ``python -m desktop``: protect the process, then run."""

from __future__ import annotations


def main() -> int:
    # Before any other import of ours or of a dependency that could connect or phone home.
    from desktop.core.privacy.protect import protect_process

    guard = protect_process()
    from desktop.cli import main as run

    return run(guard=guard)
