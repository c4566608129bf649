"""An indexing job shown in an activity row: in the Documents window and above the chat."""

from __future__ import annotations

from desktop.ui.documents.indexing_service import IndexingJob
from desktop.ui.library.activity import ActivityRow


def show_job(row: ActivityRow, job: IndexingJob, failures: bool = False) -> None:
    """Show *job* in *row*: waiting, its progress, or how it ended (and, with *failures*,
    why each file it could not read failed)."""
    if job.running and not job.text:
        row.set_waiting()
    elif job.running:
        row.set_progress(job.done, job.total, job.text)
    else:
        sentence = "\n".join([job.text, *job.failures]) if failures else job.text
        row.set_ended(sentence, can_retry=bool(job.retry), retry_text=job.retry)
    row.detail.setToolTip(job.details)
