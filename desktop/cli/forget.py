"""``sotto forget-everything``: the key, the history, settings and caches deleted for good."""

from __future__ import annotations

import argparse
import contextlib
import sys

from PySide6.QtCore import QCoreApplication

from desktop.cli.exit_codes import EXIT_FAILED, EXIT_USAGE
from desktop.cli.output import print_error
from desktop.core.paths import AppPaths
from desktop.core.storage_errors import StorageError


def run(paths: AppPaths, args: argparse.Namespace) -> int:
    """Forget everything, once no window holds the folder and the user agreed."""
    from desktop.core.instance_lock import InstanceLock
    from desktop.core.privacy.forget import forget_everything
    from desktop.text.forget_lines import forget_note, forget_problems

    lock = InstanceLock(paths.lock_path)
    # Held until the process ends: no window opens meanwhile. A lock that cannot be checked
    # (LockUnavailableError) is raised, and nothing is forgotten: a window may be writing.
    try:
        free = lock.acquire()
    except StorageError:
        # A folder where no lock file can be made (read-only, full) has none a window
        # made either: nothing there can be written, but the key can still go.
        free = not paths.lock_path.exists()
    if not free:
        # The window would go on writing to a deleted vault: the user's words would vanish.
        print_error(
            QCoreApplication.translate(
                "cli",
                "Nothing was deleted: Sotto's window has this history open. Quit Sotto first, "
                "or use Privacy → Forget everything in its window.",
            )
        )
        return EXIT_FAILED
    if not args.yes:
        if not sys.stdin.isatty():
            print_error(
                QCoreApplication.translate(
                    "cli", "Nothing was deleted: add --yes to forget everything without a question."
                )
            )
            return EXIT_USAGE
        answer = input(
            QCoreApplication.translate(
                "cli",
                "Delete every conversation and setting of Sotto for good (offline mode alone "
                "stays on if it is on)? Type yes: ",
            )
        )
        if answer.strip().lower() != "yes":
            return EXIT_USAGE
    report = forget_everything(paths, include_models=args.include_models)
    # No window goes on in this folder: its lock file goes too (the lock ends with us).
    with contextlib.suppress(OSError):  # a read-only folder: the report says what stayed
        paths.lock_path.unlink(missing_ok=True)
    for problem in forget_problems(report):
        print_error(problem)
    if not report.complete:
        return EXIT_FAILED
    print(QCoreApplication.translate("cli", "Everything is forgotten."))
    note = forget_note(report)
    if note is not None:
        print(note)
    models = paths.models_dir
    if not args.include_models and models.is_dir() and any(models.iterdir()):
        print(
            QCoreApplication.translate(
                "cli",
                "The models you downloaded or imported were kept, with their file names, in "
                "{folder}. Add --include-models to delete them too.",
            ).format(folder=models)
        )
    return 0
