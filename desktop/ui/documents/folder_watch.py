"""The folders of the user's collections, watched while the window is open: a file added,
changed or deleted in one brings its collection up to date without the user asking.

watchfiles (the operating system's own notices: inotify, FSEvents, ReadDirectoryChangesW)
watches on a thread of its own, which reads what the collections were given on a connection
of its own too (the GUI thread never opens the index for it: its first opening reads the
whole file). It gathers the changes of a moment into one batch (a folder copied in is one
update, not a thousand), and the GUI thread asks the indexing service to update each
collection they touch: a job running already runs again once it ends.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from desktop.core.documents.library import DocumentLibrary
from desktop.core.errors import UserError

Sources = dict[Path, set[str]]
"""What the collections were given (folders, and files named alone), each with the names of
the collections given it."""

DEBOUNCE_MS = 1000
"""The longest a batch of changes is gathered for before its collections are updated."""
QUIET_MS = 1000
"""How long the watch waits for a change before it says it has begun (``watched``), and
between two looks at whether the collections changed."""


class FolderWatch(QObject):
    """Watches what every collection was given that can be reached, from ``start`` to
    ``stop``; what is watched follows the collections as they change.

    Signals:
        seen(object): the sources watched and the paths that changed in them, a tuple (sent
            from the watching thread).
    """

    seen = Signal(object)

    def __init__(
        self, parent: QObject, library: DocumentLibrary, update: Callable[[str], object]
    ) -> None:
        """*update* brings one collection, by name, up to date (on the GUI thread)."""
        super().__init__(parent)
        self._update_collection = update
        self._library = library
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()  # the collections changed: their sources are read again
        self._begun = threading.Event()
        self._watching: Sources = {}
        self.seen.connect(self._update)  # queued: it is sent from the watching thread

    def start(self) -> None:
        """Watch from now on (once the window shows: watchfiles is loaded only then)."""
        if self._thread is None:
            self._stop, self._wake, self._begun = (threading.Event() for _ in range(3))
            self._thread = threading.Thread(target=self._run, name="folder-watch", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop watching, and wait for the watching thread (it ends within a moment)."""
        if self._thread is not None:
            self._stop.set()
            self._wake.set()
            self._thread.join()
            self._thread = None

    @property
    def watched(self) -> list[Path]:
        """What is watched now, by path, once its watch has begun (a change made before
        that is not seen)."""
        return sorted(self._watching) if self._begun.is_set() else []

    @Slot()
    def follow(self) -> None:
        """The collections changed: read what they were given again."""
        self._wake.set()

    def _run(self) -> None:
        """The watching thread: watch the sources the collections have, again whenever they
        change, until ``stop``."""
        from watchfiles import watch  # here: the window's start does without it

        stop, wake, begun = self._stop, self._wake, self._begun
        while not stop.is_set():
            wake.clear()
            watching = self._watching = self._sources()
            if not watching:
                begun.set()
                wake.wait()  # a collection was given something, or ``stop``
                continue
            # A folder inside closed to the user is left out; the rest is watched.
            changes = watch(
                *watching,
                stop_event=stop,
                debounce=DEBOUNCE_MS,
                rust_timeout=QUIET_MS,
                yield_on_timeout=True,
                raise_interrupt=False,
                ignore_permission_denied=True,
            )
            try:
                with contextlib.closing(changes):  # the system's watches ended with it
                    for batch in changes:
                        begun.set()
                        if batch:
                            changed = [Path(path) for _change, path in batch]
                            self.seen.emit((watching, changed))
                        if wake.is_set():
                            wake.clear()
                            if self._sources() != watching:
                                break
            except OSError:
                # A folder gone since it was found, or more folders than the system lets
                # one program watch (inotify's limit): they are read when the user updates
                # them, as before there was a watch.
                begun.set()
                wake.wait()

    def _sources(self) -> Sources:
        """The sources of every collection that can be reached now, read on this thread."""
        sources: Sources = {}
        try:
            with self._library.open(reads_only=True) as index:
                for collection in index.collections():
                    for source in index.sources(collection.id):
                        if source.exists():  # a drive taken out: watched once updated back
                            sources.setdefault(source, set()).add(collection.name)
        except UserError:  # the index cannot be opened: the Documents window says why
            return {}
        return sources

    @Slot(object)
    def _update(self, seen: tuple[Sources, list[Path]]) -> None:
        if self._thread is None:  # a batch sent just before ``stop``
            return
        watching, changed = seen
        names = {
            name
            for source, collections in watching.items()
            for path in changed
            if path == source or source in path.parents
            for name in collections
        }
        for name in sorted(names):
            self._update_collection(name)
