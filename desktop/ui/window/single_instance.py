"""One window per data folder: a second launch brings the first window to the front."""

from __future__ import annotations

import hashlib
import sys

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.core.instance_lock import InstanceLock
from desktop.core.paths import AppPaths

_ANSWER_MS = 2000


class SingleInstance(QObject):
    """The first Sotto on a data folder holds its lock and listens; a later one asks it to
    show itself, and goes.

    The listening socket is named after a digest of the folder, never its path; on Linux it
    lives in the abstract namespace, so no file is made for it at all.

    Signals:
        activation_requested(): another launch asked this window to come to the front.
    """

    activation_requested = Signal()

    def __init__(self, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = InstanceLock(paths.lock_path)
        digest = hashlib.sha256(str(paths.data_dir).encode("utf-8")).hexdigest()[:16]
        self._name = f"sotto-{digest}"
        self._server = QLocalServer(self)
        if sys.platform.startswith("linux"):
            self._server.setSocketOptions(QLocalServer.SocketOption.AbstractNamespaceOption)
        self._server.newConnection.connect(self._connected)

    def claim(self) -> bool:
        """Take the data folder for this process; False if another process has it.

        Raises:
            LockUnavailableError: the lock file cannot be opened or locked (fails closed).
            StorageError: the lock file cannot be made (a read-only or full data folder).
        """
        if not self._lock.acquire():
            return False
        QLocalServer.removeServer(self._name)  # one left by a process that crashed
        self._server.listen(self._name)
        return True

    def ask_first_to_show(self) -> bool:
        """Ask the window holding the folder to come to the front; False if none answered
        (the folder is held by a command, such as forget-everything, not by a window)."""
        socket = QLocalSocket(self)
        if sys.platform.startswith("linux"):
            socket.setSocketOptions(QLocalSocket.SocketOption.AbstractNamespaceOption)
        socket.connectToServer(self._name)
        if not socket.waitForConnected(_ANSWER_MS):
            return False
        socket.write(b"show\n")
        socket.waitForBytesWritten(_ANSWER_MS)
        socket.disconnectFromServer()
        return True

    def release(self) -> None:
        self._server.close()
        self._lock.release()

    @Slot()
    def _connected(self) -> None:
        while (connection := self._server.nextPendingConnection()) is not None:
            connection.disconnected.connect(connection.deleteLater)
            self.activation_requested.emit()
