"""What forgetting everything left behind, in sentences: shared by the window and the command
line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.privacy.forget import ForgetReport
from desktop.core.vault.custody import SERVICE


def forget_problems(report: ForgetReport) -> list[str]:
    """What could not be forgotten, a sentence (or a list) each: the key first."""
    problems = []
    if report.key_kept is not None:
        problems.append(
            QCoreApplication.translate(
                "Forget",
                "Sotto could not delete the key to your history from the system keyring, "
                "which it could not reach. The files here are deleted, but any copy of them "
                "made before (a backup, a synced folder) can still be read with that key while "
                "it exists. To finish, forget everything again where that keyring is "
                "available (in your usual desktop session), or delete the entry {entry} of "
                "{service} with the keyring's own manager (such as Passwords and Keys).",
            ).format(entry=report.key_kept, service=SERVICE)
        )
    if report.failures:
        failed = "\n".join(f"• {what}: {why}" for what, why in report.failures)
        problems.append(
            QCoreApplication.translate(
                "Forget", "These could not be removed, and are still on the disk:\n{failed}"
            ).format(failed=failed)
        )
    return problems


def forget_note(report: ForgetReport) -> str | None:
    """What the user should know although everything here is gone; None if nothing."""
    if not report.passphrase:
        return None
    return QCoreApplication.translate(
        "Forget",
        "Your history was locked with a passphrase, which Sotto never stores, so there was "
        "no key to delete. Any copy of the data folder made before (a backup, a synced "
        "folder) can still be opened with that passphrase: delete those copies too.",
    )
