"""The indexing of the user's document collections, for the whole application: the jobs, the
embedding model they share and the removals that wait for a job to stop. The Documents window
and the chat's attached files are two views of it; closing the window stops nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.core.documents.embedder import Embedder
from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.index_errors import EmbedderChangedError
from desktop.core.documents.indexer import IndexProgress, IndexReport, index_collection
from desktop.core.documents.library import DocumentLibrary, source_path
from desktop.core.documents.records import Collection
from desktop.core.errors import UserError
from desktop.text.documents import collection_name, unavailable_sentence
from desktop.text.messages import user_message
from desktop.ui.documents.embedding import EmbedderFactory, SharedEmbedder
from desktop.ui.documents.folder_watch import FolderWatch
from desktop.ui.library.activity import format_duration
from desktop.ui.tasks import Task, TaskRunner


@dataclass
class IndexingJob:
    """A collection's indexing as the views show it: running, or how it last ended.

    Attributes:
        name: the collection.
        running: a job waits for its turn or reads.
        done, total: files dealt with, of how many (0 of 0 while it waits).
        text: the figures while it runs ("" while it waits for its turn); the sentence that
            says how it ended.
        retry: the button that goes on ("Resume", "Try again"), or "" where nothing can.
        failures: why each file the last run could not read failed, in sentences.
        details: the system's own words where the job failed, or "".
    """

    name: str
    running: bool = True
    done: int = 0
    total: int = 0
    text: str = ""
    retry: str = ""
    failures: list[str] = field(default_factory=list)
    details: str = ""


class IndexingService(QObject):
    """Runs one indexing job per collection on the task runner, and keeps the index open on
    the GUI thread for the views (read when a job ends or the user acts, never per step).

    The embedding model is loaded by the first job that needs it and kept for the next. A
    collection removed while its job runs is removed once that job has stopped; one updated
    while its job runs is updated again after it.

    Attributes:
        folders: the watch of the collections' folders, which brings a collection up to
            date when its files change, while the window is open.

    Signals:
        changed(): a collection was made, removed or indexed.
        job_changed(str): the job of this collection started, went on or ended
            (``job(name)``).
        failed(str, UserError): the collection of this name could not be made.
        embedder_changed(str, str, str): the collection (name) was indexed with another
            embedding model (the second) than the one Sotto uses now (the third): ask before
            ``embed_again``.
    """

    changed = Signal()
    job_changed = Signal(str)
    failed = Signal(str, object)
    embedder_changed = Signal(str, str, str)

    def __init__(
        self,
        library: DocumentLibrary,
        runner: TaskRunner,
        embedder: EmbedderFactory = Embedder,
        parent: QObject | None = None,
    ) -> None:
        """Index the collections of *library* on *runner* with the model *embedder* loads.
        Call ``shutdown`` after ``runner.shutdown()`` to free the model and the index."""
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._embedder = SharedEmbedder(embedder)
        self._index: DocumentIndex | None = None
        self._refusal: UserError | None = None
        self._tasks: dict[str, Task] = {}
        self._jobs: dict[str, IndexingJob] = {}
        self._again: set[str] = set()
        self._removing: set[str] = set()
        self._brought: set[str] = set()  # embedded again this session (``bring_up_to_date``)
        self.folders = FolderWatch(self, library, self.update)  # started once the window shows
        self.changed.connect(self.folders.follow)

    # The index, as the views read it

    def index(self) -> DocumentIndex | None:
        """The index on the GUI thread, opened on first use; None if it cannot be opened
        (``refusal`` says why)."""
        if self._index is None:
            try:
                self._index = self._library.open()
            except UserError as error:
                self._refusal = error
                return None
            self._refusal = None
            for collection in self._index.collections():
                if collection.pending:
                    self._paused(collection)
        return self._index

    @property
    def refusal(self) -> UserError | None:
        """Why the index could not be opened, the last time it was tried."""
        return self._refusal

    def collections(self) -> list[Collection]:
        """Every collection, by name ([] where the index cannot be opened)."""
        index = self.index()
        return index.collections() if index is not None else []

    def find(self, name: str) -> Collection | None:
        index = self.index()
        return index.find_collection(name) if index is not None else None

    # Collections

    def create(self, name: str) -> Task | None:
        """Make the collection *name* (``changed``; ``failed`` if it cannot be). The first
        time, the embedding model is loaded first, on a worker: its task is returned."""
        if self.index() is None:
            return None
        loaded = self._embedder.loaded
        if loaded is not None:
            self._create(name, loaded.name, loaded.dimensions)
            return None
        embedder = self._embedder
        task = self._runner.run(lambda report, cancelled: embedder.get())
        task.done.connect(lambda model: self._create(name, model.name, model.dimensions))
        task.failed.connect(lambda error: self._made_not(name, error))
        return task

    def _create(self, name: str, embedder: str, dimensions: int) -> None:
        index = self.index()
        if index is None:
            return
        try:
            index.create_collection(name, embedder, dimensions)
        except UserError as error:
            self._made_not(name, error)
            return
        self.changed.emit()

    def _made_not(self, name: str, error: UserError) -> None:
        job = self._jobs.get(name)
        if job is not None:  # files were waiting for it
            self._end(
                job,
                user_message(error),
                retry=QCoreApplication.translate("DocumentsWindow", "Try again"),
                details=error.details,
            )
        self.failed.emit(name, error)

    def remove(self, name: str) -> None:
        """Remove the collection *name* (once its indexing has stopped, if it runs)."""
        task = self._tasks.get(name)
        if task is not None:  # its job writes to it: removed once the job has stopped
            self._removing.add(name)
            self._again.discard(name)
            task.cancel()
            return
        index = self.index()
        if index is not None:
            try:
                index.remove_collection(name)
            except UserError as error:
                self.failed.emit(name, error)
        self.dismiss(name)
        self.changed.emit()

    def discard(self) -> bool:
        """Delete an index that cannot be opened (every collection), and open a new one;
        False while jobs run."""
        if self._tasks:
            return False
        if self._index is not None:
            self._index.close()
            self._index = None
        self._library.discard()
        self._jobs.clear()
        self.changed.emit()
        return True

    # Files

    def attach(self, name: str, paths: Sequence[Path]) -> None:
        """Add *paths* to the collection *name*, made if it is new, and index them; where
        the index cannot be opened, ``failed`` says why."""
        if self.index() is None:
            if self._refusal is not None:
                self.failed.emit(name, self._refusal)
            return
        if self.find(name) is not None:
            self.add(name, paths)
            return
        self._jobs[name] = IndexingJob(name)  # waits for the model, then for the files
        self.job_changed.emit(name)
        task = self.create(name)
        if task is None:  # made at once, or it could not be
            self.add(name, paths)
        else:
            task.done.connect(lambda _model: self.add(name, paths))

    def add(self, name: str, paths: Sequence[Path]) -> Task | None:
        """Add files or folders to the collection *name* and index it."""
        collection = self.find(name)
        index = self._index
        if not paths or collection is None or index is None:
            return None
        index.add_sources(collection.id, [source_path(path) for path in paths])
        return self.update(name)

    # Indexing

    def bring_up_to_date(self, names: Sequence[str]) -> None:
        """Update each collection of *names*, whose documents another model embedded, once
        a session: until then their vectors are not searched. Their files are not read
        again; a Cancel holds until the next start."""
        for name in names:
            if name not in self._brought:
                self._brought.add(name)
                self.update(name)

    def update(self, name: str) -> Task | None:
        """Bring the collection *name* up to date: new and changed files are read, and
        those a stopped job left. Returns the job, or None if one runs already (it runs
        again when that one ends) or there is no such collection."""
        if self.find(name) is None:
            return None
        if name in self._tasks:
            self._again.add(name)
            return None
        library, embedder = self._library, self._embedder

        def work(report: Callable[[Any], None], cancelled: Callable[[], bool]) -> IndexReport:
            model = embedder.get()
            index = library.open()
            try:
                return index_collection(index, name, model, on_progress=report, cancelled=cancelled)
            finally:
                index.close()

        task = self._runner.run(work)
        self._tasks[name] = task
        job = IndexingJob(name)
        self._jobs[name] = job
        self.job_changed.emit(name)
        task.progress.connect(lambda progress: self._progress(job, progress))
        task.done.connect(lambda report: self._indexed(job, report))
        task.failed.connect(lambda error: self._failed(job, error))
        task.cancelled.connect(lambda: self._stopped(job))
        task.ended.connect(lambda: self._ended(name))
        return task

    def indexing(self, name: str) -> Task | None:
        """The job indexing the collection *name*, if one runs."""
        return self._tasks.get(name)

    def job(self, name: str) -> IndexingJob | None:
        """The collection's job, running or as it last ended (until dismissed)."""
        return self._jobs.get(name)

    def jobs(self) -> list[IndexingJob]:
        return list(self._jobs.values())

    def cancel(self, name: str) -> None:
        """Stop the collection's job between two files; what was read is kept."""
        task = self._tasks.get(name)
        if task is not None:
            task.cancel()

    def dismiss(self, name: str) -> None:
        """Forget how the collection's last job ended (the views stop showing it)."""
        if name not in self._tasks and self._jobs.pop(name, None) is not None:
            self.job_changed.emit(name)

    def embed_again(self, name: str) -> None:
        """Have the model Sotto uses now embed the collection's passages again (its files
        are not read again): after ``embedder_changed``, once the user agreed."""
        collection, model, index = self.find(name), self._embedder.loaded, self._index
        if collection is None or model is None or index is None:
            return
        index.set_embedder(collection.id, model.name, model.dimensions)
        if name in self._tasks:
            self._again.add(name)
        else:
            self.update(name)

    def _progress(self, job: IndexingJob, progress: IndexProgress) -> None:
        figures = QCoreApplication.translate(
            "DocumentsWindow", "{done} of {total} files · {pages} pages · {passages} passages"
        ).format(
            done=progress.files_done,
            total=progress.files_total,
            pages=progress.pages,
            passages=progress.passages,
        )
        if progress.seconds_left is not None:
            figures += " · " + QCoreApplication.translate("DocumentsWindow", "{time} left").format(
                time=format_duration(progress.seconds_left)
            )
        if progress.current is not None:
            figures += "\n" + progress.current.name
        if progress.recognised is not None:
            figures += " · " + QCoreApplication.translate(
                "DocumentsWindow", "recognising the text of scanned page {page} of {pages}"
            ).format(page=progress.recognised[0], pages=progress.recognised[1])
        job.done, job.total, job.text = progress.files_done, progress.files_total, figures
        self.job_changed.emit(job.name)

    def _indexed(self, job: IndexingJob, report: IndexReport) -> None:
        if report.cancelled:
            self._stopped(job)
            return
        # self.tr: lupdate takes QCoreApplication.translate's count for a plural only when
        # it is a number written out.
        read, removed = len(report.indexed), len(report.removed)
        sentence = QCoreApplication.translate(
            "DocumentsWindow",
            "Up to date: {read}, {unchanged} unchanged, {failed} could not be read.",
        ).format(
            read=self.tr("%n file(s) read", "", read),
            unchanged=report.unchanged + report.reembedded,
            failed=len(report.failed),
        )
        if removed:
            sentence += " " + self.tr("%n file(s) no longer there were taken out.", "", removed)
        for folder in report.unavailable:  # its files kept, not taken for deleted
            sentence += " " + unavailable_sentence(folder)
        job.failures = [user_message(error) for _path, error in report.failed]
        self._end(job, sentence)

    def _stopped(self, job: IndexingJob) -> None:
        self._end(
            job,
            QCoreApplication.translate(
                "DocumentsWindow", "Stopped. What was read is kept; Resume goes on from there."
            ),
            QCoreApplication.translate("DocumentsWindow", "Resume"),
        )

    def _failed(self, job: IndexingJob, error: UserError) -> None:
        if isinstance(error, EmbedderChangedError):
            self._again.discard(job.name)
            self._end(
                job,
                user_message(error),
                QCoreApplication.translate("DocumentsWindow", "Index again"),
                error.details,
            )
            model = self._embedder.loaded
            if model is not None:
                self.embedder_changed.emit(job.name, error.params["indexed_with"], model.name)
            return
        self._end(
            job,
            user_message(error),
            QCoreApplication.translate("DocumentsWindow", "Try again"),
            error.details,
        )

    def _end(self, job: IndexingJob, sentence: str, retry: str = "", details: str = "") -> None:
        job.running, job.text, job.retry, job.details = False, sentence, retry, details
        self.job_changed.emit(job.name)

    def _ended(self, name: str) -> None:
        del self._tasks[name]
        if not self._tasks:
            self._embedder.free_retired()
        if name in self._removing:
            self._removing.discard(name)
            self.remove(name)
            return
        self.changed.emit()
        if name in self._again:
            self._again.discard(name)
            self.update(name)

    def _paused(self, collection: Collection) -> None:
        """Offer to go on with a collection whose indexing stopped before it was done."""
        self._jobs[collection.name] = IndexingJob(
            collection.name,
            running=False,
            text=self.tr(
                "%n file(s) wait to be indexed: it stopped before it was done.",
                "",
                collection.pending,
            ),
            retry=QCoreApplication.translate("DocumentsWindow", "Resume"),
        )

    # The application's

    def title(self, name: str) -> str:
        """What the job of the collection *name* is, as its row is titled."""
        return QCoreApplication.translate("DocumentsWindow", "Indexing {name}").format(
            name=collection_name(name)
        )

    def forget_embedder(self) -> None:
        """Load the embedding model anew for the next job (the user chose another). Jobs
        running keep theirs, freed once no job runs; a collection made with the old one
        asks before it is embedded again (``embedder_changed``), when next updated."""
        self._embedder.forget()
        if not self._tasks:
            self._embedder.free_retired()

    def stop_jobs(self) -> None:
        """Stop indexing now: cancel every job and wait for it to end (the index is about
        to be forgotten)."""
        for task in self._tasks.values():
            task.cancel()
        self._runner.pool.waitForDone()

    def shutdown(self) -> None:
        """Stop watching the folders, free the embedding model and the index (after
        ``TaskRunner.shutdown``, which stops the jobs)."""
        self.folders.stop()
        self._embedder.close()
        if self._index is not None:
            self._index.close()
            self._index = None
