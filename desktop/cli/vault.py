"""The vault, opened for a command: with the passphrase from the environment or asked for."""

from __future__ import annotations

import getpass
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.core.paths import AppPaths

if TYPE_CHECKING:
    from desktop.core.vault.store import ConversationStore

PASSPHRASE_VARIABLE = "SOTTO_PASSPHRASE"


def open_store(paths: AppPaths) -> ConversationStore:
    """Open the vault of *paths*, asking for its passphrase where it has one."""
    # Imported here: --help, --version and the window do not need them loaded.
    from desktop.core.services import open_store
    from desktop.core.vault.errors import PassphraseRequiredError
    from desktop.core.vault.opener import VaultOpener

    opener = VaultOpener(paths)
    passphrase = None
    if opener.needs_passphrase():
        passphrase = os.environ.get(PASSPHRASE_VARIABLE)
        if passphrase is None and sys.stdin.isatty():
            passphrase = getpass.getpass(
                QCoreApplication.translate("cli", "Passphrase of your Sotto history: ")
            )
        if passphrase is None:
            raise PassphraseRequiredError()
    return open_store(opener.open(passphrase))
