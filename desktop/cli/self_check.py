"""``sotto --self-check``: a line per check, and whether all passed."""

from __future__ import annotations

from pathlib import Path

from desktop.cli.exit_codes import EXIT_FAILED
from desktop.core.paths import AppPaths


def run(paths: AppPaths, model: str) -> int:
    """Run the checks with *model* (the starter model if empty), printing each result."""
    from desktop.core.diagnostics import run_checks
    from desktop.core.library.installed import STARTER_MODEL_PATH
    from desktop.text.self_check_lines import check_line

    results = run_checks(
        Path(model) if model else STARTER_MODEL_PATH,
        scratch_dir=paths.cache_dir,
        on_result=lambda result: print(check_line(result), flush=True),
    )
    return 0 if all(result.passed for result in results) else EXIT_FAILED
