"""Opening the vault at start: silently with the OS keyring, else with the user's passphrase."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.paths import AppPaths
from desktop.core.privacy.forget import forget_everything
from desktop.core.storage_errors import StorageError
from desktop.core.vault.database import Database
from desktop.core.vault.errors import (
    VaultDamagedError,
    VaultLockedError,
    VaultMissingError,
    WrongPassphraseError,
)
from desktop.core.vault.opener import VaultOpener, checked
from desktop.text.forget_lines import forget_note, forget_problems
from desktop.text.messages import user_message
from desktop.ui.privacy.damaged_vault import start_afresh_after_damage
from desktop.ui.theme import Status, show_status

MIN_PASSPHRASE = 8


class PassphraseDialog(QDialog):
    """Asks for the vault's passphrase: a new one (twice) on first start, else the one chosen.

    ``try_open`` is called with the passphrase; it returns None when the vault opened, or the
    error to show, and the dialog stays open for another try.
    """

    def __init__(
        self,
        creating: bool,
        try_open: Callable[[str], UserError | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._creating = creating
        self._try_open = try_open
        self.setWindowTitle(self.tr("Sotto — your history is locked"))
        if creating:
            explanation = self.tr(
                "This computer has no secure keyring (such as GNOME Keyring or KWallet) to keep "
                "the key of your chat history, so it will be locked with a passphrase you "
                "choose now. You will type it each time Sotto starts.\n\n"
                "If you forget it, no one can recover your history: you can only forget "
                "everything and start again."
            )
        else:
            explanation = self.tr("Your chat history is locked. Enter your passphrase to open it.")
        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setPlaceholderText(self.tr("The same passphrase again"))
        self.repeat.setVisible(creating)
        self.error = QLabel()
        self.error.setWordWrap(True)
        show_status(self.error, Status.BAD)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Create") if creating else self.tr("Unlock")
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.explanation, self.passphrase, self.repeat, self.error, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(460)

    def submit(self) -> None:
        passphrase = self.passphrase.text()
        if self._creating and len(passphrase) < MIN_PASSPHRASE:
            self._show_error(
                self.tr("Choose at least {count} characters.").format(count=MIN_PASSPHRASE)
            )
            return
        if self._creating and passphrase != self.repeat.text():
            self._show_error(self.tr("The two passphrases differ. Type them again."))
            self.repeat.clear()
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            error = self._try_open(passphrase)
        finally:
            QApplication.restoreOverrideCursor()
        if error is None:
            self.accept()
            return
        self._show_error(user_message(error))
        self.passphrase.clear()
        self.passphrase.setFocus()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


def unlock_vault(
    paths: AppPaths,
    opener_factory: Callable[[], VaultOpener],
    meanwhile: Callable[[], object] = lambda: None,
) -> Database | None:
    """Open the vault, asking the user what only they can answer; None if they chose to quit.

    A vault whose key or database cannot be found is never replaced: the user may quit (and
    put it back) or forget everything, after which a new vault is made. A damaged one may be
    copied, then replaced by a new one. Where the disk refuses, the user may try again.
    The vault is returned once every page of it is known to be whole; *meanwhile* is called
    while its pages are checked (on a thread of their own), to do work of the start beside it.
    """
    while True:
        try:
            opener = opener_factory()
            paths.ensure()
            db = _open(opener)
            if db is None:
                return None
            meanwhile()
            return checked(db)
        except VaultDamagedError as error:
            if not start_afresh_after_damage(paths, error):
                return None
        except VaultLockedError as error:
            if not _forget_after_lockout(paths, error):
                return None
        except StorageError as error:
            if not _try_again_after(error):
                return None


def _open(opener: VaultOpener) -> Database | None:
    if not opener.needs_passphrase():
        return opener.open()
    opened: list[Database] = []
    fatal: list[UserError] = []

    def try_open(passphrase: str) -> UserError | None:
        try:
            opened.append(opener.open(passphrase))
        except WrongPassphraseError as error:
            return error
        except (VaultLockedError, VaultDamagedError, StorageError) as error:
            fatal.append(error)
        return None

    dialog = PassphraseDialog(opener.is_new(), try_open)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if fatal:
        raise fatal[0]
    return opened[0] if accepted and opened else None


def _forget_after_lockout(paths: AppPaths, error: UserError) -> bool:
    """Explain why the vault cannot open; True if the user chose to forget everything."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, QApplication.translate("Lockout", "Sotto"), user_message(error)
    )
    if not isinstance(error, VaultMissingError):  # whose sentence says what to do
        box.setInformativeText(
            QApplication.translate(
                "Lockout",
                "Sotto will not make a new key over your history. Quit to restore the "
                "keyring, or forget everything to start afresh.",
            )
        )
    quit_button = box.addButton(
        QApplication.translate("Lockout", "Quit"), QMessageBox.ButtonRole.RejectRole
    )
    forget_button = box.addButton(
        QApplication.translate("Lockout", "Forget everything…"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.setDefaultButton(quit_button)
    box.exec()
    if box.clickedButton() is not forget_button:
        return False
    confirm = QMessageBox.warning(
        None,
        QApplication.translate("Lockout", "Forget everything"),
        QApplication.translate(
            "Lockout",
            "Delete every conversation and setting for good? Downloaded models are kept.",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if confirm != QMessageBox.StandardButton.Yes:
        return False
    forget_with_report(paths)
    return True


def _try_again_after(error: UserError) -> bool:
    """Say why the history cannot be opened now (the disk); True if the user tries again."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, QApplication.translate("Lockout", "Sotto"), user_message(error)
    )
    quit_button = box.addButton(
        QApplication.translate("Lockout", "Quit"), QMessageBox.ButtonRole.RejectRole
    )
    again_button = box.addButton(
        QApplication.translate("Lockout", "Try again"), QMessageBox.ButtonRole.AcceptRole
    )
    box.setDefaultButton(quit_button)
    box.exec()
    return box.clickedButton() is again_button


def forget_with_report(
    paths: AppPaths, include_models: bool = False, parent: QWidget | None = None
) -> bool:
    """Forget everything; if a step failed, tell the user which (every other step is done),
    and what a passphrase vault's copies still open with. True if every step was done."""
    report = forget_everything(paths, include_models=include_models)
    title = QApplication.translate("Forget", "Forget everything")
    problems = forget_problems(report)
    note = forget_note(report)
    if problems:
        QMessageBox.warning(parent, title, "\n\n".join(problems))
    elif note is not None:
        QMessageBox.information(parent, title, note)
    return not problems
