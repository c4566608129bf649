"""The one place that opens the SQLCipher database.

The key is applied raw (``PRAGMA key = "x'…'"``): it is already 32 random or scrypt-derived
bytes, so SQLCipher's own PBKDF2 on every open would only cost time. Every connection is made
private the same way: memory wiped when SQLCipher frees it, no temporary files (``temp_store``
in memory), freed pages overwritten (``secure_delete``), foreign keys enforced, and the files
readable by the user alone.

SQLite's failures that the user can meet are told in their sentences here, the one place
that talks to SQLCipher: a damaged file (checked whole when it is opened, and on every read),
a full disk, a read-only folder, a failing disk. Once damage is seen nothing more is written
to the file, so that it stays as it was for a repair.

The whole-file check may run beside the reader (``page_check.py``), so that opening costs the
same whatever the size of the history: the connection is then opened ``query_only``, and the
first write waits for the check, going ahead once every page is whole and failing as damage
otherwise. Nothing can be written before the check has passed: SQLite itself refuses.

A history stays readable on a full disk. The first reader of a WAL file needs SQLite's
shared-memory index (the ``-shm`` file, 32 KiB), which a full disk cannot hold: an open for
reading alone that fails so is made again with ``locking_mode = EXCLUSIVE``, whose index lives
in the connection's memory. That lock shuts every other connection out until it closes, so it
is taken only there: by a command that reads and ends, never by the window, which would hold
it for as long as it is open. Where another connection has the file open its ``-shm`` exists,
and none of this is needed.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

import sqlcipher3

from desktop.core.storage_errors import StorageError, storage_error
from desktop.core.vault.custody import KEY_BYTES
from desktop.core.vault.errors import VaultDamagedError, VaultTooNewError, WrongKeyError
from desktop.core.vault.page_check import PageCheck
from desktop.core.vault.schema import MIGRATIONS, Migration

Params = Sequence[Any] | Mapping[str, Any]

_DAMAGE = frozenset({sqlcipher3.SQLITE_CORRUPT, sqlcipher3.SQLITE_NOTADB})
_STORAGE = frozenset(
    {
        sqlcipher3.SQLITE_FULL,
        sqlcipher3.SQLITE_READONLY,
        sqlcipher3.SQLITE_CANTOPEN,
        sqlcipher3.SQLITE_IOERR,
    }
)
PAGE_SIZE = 4096
"""SQLCipher's page size, which Sotto never changes: a whole vault is a whole number of pages."""
_SIDECARS = ("-wal", "-shm")
_PRAGMA_NAME = re.compile(r"[a-z_]+")


class Cursor(Protocol):
    """The part of a DB-API cursor the vault uses."""

    @property
    def lastrowid(self) -> int | None: ...

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Database:
    """An open vault: one SQLCipher connection, in autocommit mode between transactions.

    A connection belongs to the thread that opened it (SQLite's rule, checked by the driver):
    open, use and close it on one thread.

    Attributes:
        path: the database file.
        damaged: whether damage was seen in the file; from then on SQLite refuses every
            write to it (``query_only``), and each says the file is damaged.
    """

    def __init__(self, connection: Any, path: Path) -> None:
        self._connection = connection
        self.path = path
        self.damaged = False
        self._savepoints = 0
        self._check: PageCheck | None = None
        self._check_key: bytes | None = None  # the key of a check begun at the first write

    def check_in_background(self, key: bytes, *, when_writing: bool = False) -> None:
        """Check every page on a thread of its own; until it has passed, hold every write.
        *when_writing*: begin the check only when a write waits for it (for a reader that
        may write nothing at all: each page it reads is checked as it is read)."""
        self._connection.execute("PRAGMA query_only = ON")
        if when_writing:
            self._check_key = key
        else:
            self._check = PageCheck(self.path, key)

    def wait_until_checked(self) -> None:
        """Return once every page of the file is known to be whole (at once if that was
        checked when it was opened, or not asked for).

        Raises:
            VaultDamagedError: a page is damaged; nothing can be written to the file.
            StorageError: the disk failed while the file was read.
        """
        if self._check is None and self._check_key is not None:
            self._check, self._check_key = PageCheck(self.path, self._check_key), None
        if self._check is None:
            return
        try:
            whole = self._check.wait()
        except sqlcipher3.DatabaseError as error:
            # Not known to be whole: writes stay held, each failing so, until it is opened
            # again.
            raise storage_error(self.path.parent, error) from error
        if not whole or self.damaged:  # a read may have met damage the check did not
            self.damaged = True  # and query_only stays on
            raise VaultDamagedError()
        self._check = None
        self._connection.execute("PRAGMA query_only = OFF")

    def execute(self, sql: str, params: Params = ()) -> Cursor:
        """Run one statement; a write waits until the file is known to be whole.

        Raises:
            VaultDamagedError: the file turned out to be damaged.
            StorageError: the disk is full, read-only or failing.
        """
        return self._run(lambda: self._connection.execute(sql, params))

    def executemany(self, sql: str, rows: Iterable[Params]) -> Cursor:
        """Run one statement once per row of parameters (raising as ``execute``)."""
        listed = list(rows)  # run again, whole, if the first write waited for the check
        return self._run(lambda: self._connection.executemany(sql, listed))

    def _run(self, statement: Callable[[], Cursor]) -> Cursor:
        with self._reported():
            try:
                return statement()
            except sqlcipher3.DatabaseError as error:
                # query_only refuses a write before it changes anything: it can be run
                # again, once the check has passed.
                held = self._check is not None or self._check_key is not None
                if not held or _code(error) != sqlcipher3.SQLITE_READONLY:
                    raise
            self.wait_until_checked()
            return statement()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Commit what the block does if it ends normally, undo all of it if it raises.

        The write lock is taken at the start (``BEGIN IMMEDIATE``). Nested, a block is a
        savepoint inside the outer transaction: undone alone if it raises, committed with
        the outer one.
        """
        if self._connection.in_transaction:
            self._savepoints += 1
            name = f"nested_{self._savepoints}"
            self.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                self.execute(f"ROLLBACK TO {name}")
                raise
            finally:
                self.execute(f"RELEASE {name}")
                self._savepoints -= 1
            return
        self.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.execute("COMMIT")
        except BaseException:
            # The error that stopped the block is the one to tell; where SQLite cannot roll
            # back (a failing disk) it has already done so, or does on the next open.
            if self._connection.in_transaction:
                with contextlib.suppress(sqlcipher3.DatabaseError):
                    self._connection.execute("ROLLBACK")
            raise

    def pragma(self, name: str) -> Any:
        """The value of ``PRAGMA name`` (a plain name, never user input)."""
        if not _PRAGMA_NAME.fullmatch(name):
            raise ValueError(f"not a pragma name: {name!r}")
        return self.execute(f"PRAGMA {name}").fetchone()[0]

    def close(self) -> None:
        """Close the connection (stopping a check still running); WAL content is
        checkpointed into the file and the -wal and -shm files are removed."""
        if self._check is not None:
            self._check.stop()
        self._connection.close()

    @contextlib.contextmanager
    def _reported(self) -> Iterator[None]:
        """Raise SQLite's failures that the user can meet as their sentences."""
        try:
            yield
        except sqlcipher3.DatabaseError as error:
            code = _code(error)
            if code in _DAMAGE or (self.damaged and code == sqlcipher3.SQLITE_READONLY):
                self.damaged = True
                self._connection.execute("PRAGMA query_only = ON")
                raise VaultDamagedError() from error
            if code in _STORAGE:
                raise storage_error(self.path.parent, error) from error
            raise

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_database(
    path: Path,
    key: bytes,
    *,
    migrations: Sequence[Migration] = MIGRATIONS,
    check_pages: bool = True,
    in_background: bool = False,
    when_writing: bool = False,
    reads_only: bool = False,
) -> Database:
    """Open (or create) the vault at *path* with the raw 32-byte *key*, at the current schema.

    *migrations* is for tests that build a vault as an older version left it. *check_pages*
    False skips reading the whole file to check every page first, for a file this process
    has checked already (each page read is still checked). *in_background* checks them on a
    thread of its own instead of before returning: nothing is written (not even a
    migration) until the check has passed, and damage it finds is raised by the first
    write, or by ``Database.wait_until_checked``. *when_writing* begins that check only
    when a write waits for it: a reader that writes nothing never reads the whole file (a
    command that searches a large index), and each page it reads is still checked.
    *reads_only* says the caller only reads, and closes soon (a command): on a disk too
    full for SQLite's shared-memory file, the file is then read under an exclusive lock
    instead (its pages checked before returning).

    Raises:
        WrongKeyError: *key* does not open the file (or its first page is damaged: the two
            cannot be told apart). The file is not changed.
        VaultDamagedError: the key is right but the file is damaged (every page is checked,
            unless *in_background*); nothing was written to it.
        VaultTooNewError: a newer Sotto wrote the file.
        StorageError: the disk is full, read-only or failing.
        RuntimeError: the driver is plain SQLite, not SQLCipher.
    """
    if len(key) != KEY_BYTES:
        raise ValueError(f"a vault key is {KEY_BYTES} bytes, not {len(key)}")
    try:
        _create_private(path)
    except OSError as error:
        raise storage_error(path.parent, error) from error
    try:
        background = in_background or when_writing
        database = _connect(
            path, key, migrations, check_pages, background, when_writing, alone=False
        )
    except StorageError as error:
        # SQLite tells a -shm it cannot grow only as an I/O error; a disk that really fails
        # fails again below, and is told so.
        if not reads_only or _code(error.__cause__) != sqlcipher3.SQLITE_IOERR:
            raise
        # Its pages checked here: a check on a connection of its own could not read beside
        # the lock.
        database = _connect(path, key, migrations, check_pages, False, False, alone=True)
    _make_private(path)
    return database


def _connect(
    path: Path,
    key: bytes,
    migrations: Sequence[Migration],
    check_pages: bool,
    in_background: bool,
    when_writing: bool,
    *,
    alone: bool,
) -> Database:
    """One connection to *path*, unlocked and migrated; under an exclusive lock if *alone*."""
    # No statement cache: with cipher_memory_security every allocation beyond SQLite's small
    # per-connection lookaside memory costs an mlock and an munlock system call, and cached
    # statements keep lookaside slots. With the cache, searches ran twice as slow once a few
    # other statements had been used (tests/bench/bench_vault.py); preparing anew is cheaper.
    connection = sqlcipher3.connect(str(path), isolation_level=None, cached_statements=0)
    database = Database(connection, path)
    try:
        _unlock(database, connection, key, check_pages, in_background, when_writing, alone)
        migrate(database, migrations)
    except BaseException:
        database.close()
        raise
    return database


def _unlock(
    database: Database,
    connection: Any,
    key: bytes,
    check_pages: bool,
    in_background: bool,
    when_writing: bool,
    alone: bool,
) -> None:
    path = database.path
    # SQLCipher would log a wrong key's failed page check to stderr; the error says it.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    row = connection.execute("PRAGMA cipher_version").fetchone()
    if not row or not row[0]:
        raise RuntimeError("the database driver is not SQLCipher: refusing to write in clear")
    connection.execute("PRAGMA cipher_memory_security = ON")
    if alone:  # before the first read: only then does SQLite keep the WAL index in memory
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
    try:
        database.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except VaultDamagedError as error:
        # A file cut short (a sync or a copy that stopped) is not a whole number of pages.
        whole = path.stat().st_size % PAGE_SIZE == 0
        if whole and _code(error.__cause__) == sqlcipher3.SQLITE_NOTADB:
            raise WrongKeyError() from error.__cause__
        raise
    # Before anything is written: every page's HMAC. It reads the whole file: about 0.1 s
    # for the 100,000 messages (56 MiB) of tests/bench/bench_vault.py, a seventh of what
    # quick_check takes, which decodes every page as well. A new, empty file has none.
    if check_pages and path.stat().st_size > 0:
        if in_background:
            database.check_in_background(key, when_writing=when_writing)
        elif database.execute("PRAGMA cipher_integrity_check").fetchone() is not None:
            raise VaultDamagedError()
    database.execute("PRAGMA journal_mode = WAL")
    database.execute("PRAGMA temp_store = MEMORY")
    database.execute("PRAGMA secure_delete = ON")
    database.execute("PRAGMA foreign_keys = ON")


def migrate(database: Database, migrations: Sequence[Migration] = MIGRATIONS) -> None:
    """Apply the migrations *database* has not had yet.

    Raises:
        VaultTooNewError: the vault is at a version newer than *migrations* know.
    """
    version: int = database.pragma("user_version")
    if version > len(migrations):
        raise VaultTooNewError(found=version, known=len(migrations))
    for target, statements in enumerate(migrations[version:], start=version + 1):
        with database.transaction():
            # Read again under the write lock: another connection (the window's search
            # thread beside its indexing thread) may have migrated the file meanwhile.
            if database.pragma("user_version") >= target:
                continue
            for statement in statements:
                database.execute(statement)
            database.execute(f"PRAGMA user_version = {target}")


def _create_private(path: Path) -> None:
    """Create the file, empty and readable by the user alone, unless it exists."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, flags, 0o600))


def database_files(path: Path) -> tuple[Path, ...]:
    """The database at *path* and its -wal and -shm files: what SQLite keeps of it."""
    return (path, *(path.with_name(path.name + suffix) for suffix in _SIDECARS))


def _make_private(path: Path) -> None:
    """Mode 0600 on the file and its -wal and -shm files (SQLite gives them the file's mode)."""
    for candidate in database_files(path):
        with contextlib.suppress(FileNotFoundError):
            os.chmod(candidate, 0o600)


def _code(error: BaseException | None) -> int | None:
    """SQLite's primary result code of *error* (its extended code says more than is needed)."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF
