"""Every page of a database checked on a thread of its own, while the opener goes on reading.

``PRAGMA cipher_integrity_check`` reads the whole file and checks each page's HMAC: a cost
that grows with the history (about 0.1 s for 100,000 messages, seconds for a gigabyte). Run
before the vault is handed over, it stands between the user and their window; run here, on a
connection of its own (SQLite's connections belong to one thread), it costs the opener
nothing, and the opener's own connection holds every write until it has passed
(``database.py``).
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import sqlcipher3


class PageCheck:
    """The check of one file's pages, started at once on a daemon thread.

    Attributes:
        path: the database file.
    """

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._done = threading.Event()
        self._damaged = False
        self._failure: sqlcipher3.Error | None = None
        self._stopped = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(key,), name="vault-page-check", daemon=True
        )
        self._thread.start()

    def wait(self) -> bool:
        """Block until the check has ended; True if every page is whole.

        Raises:
            sqlcipher3.Error: the file could not be read to the end (a failing disk), or the
                check was stopped; whether it is whole is not known.
        """
        self._done.wait()
        if self._failure is not None:
            raise self._failure
        return not self._damaged

    def stop(self) -> None:
        """End the check (the database is being closed): at once if it has not begun,
        else once it has read the file to the end, which SQLCipher cannot interrupt."""
        self._stopped.set()
        self._thread.join()

    def _run(self, key: bytes) -> None:
        try:
            connection = sqlcipher3.connect(str(self.path), isolation_level=None)
            with contextlib.closing(connection):
                connection.execute("PRAGMA cipher_log_level = NONE")
                connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
                connection.execute("PRAGMA cipher_memory_security = ON")
                connection.execute("PRAGMA query_only = ON")  # it only ever reads
                if self._stopped.is_set():
                    raise sqlcipher3.OperationalError("the page check was stopped")
                row = connection.execute("PRAGMA cipher_integrity_check").fetchone()
                self._damaged = row is not None
        except sqlcipher3.DatabaseError as error:
            code = getattr(error, "sqlite_errorcode", 0) & 0xFF
            if code in (sqlcipher3.SQLITE_CORRUPT, sqlcipher3.SQLITE_NOTADB):
                self._damaged = True
            else:
                self._failure = error
        except sqlcipher3.Error as error:
            self._failure = error
        finally:
            self._done.set()
