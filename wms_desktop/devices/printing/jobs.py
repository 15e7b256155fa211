"""Print jobs with a history: every job sent — or refused — is one JSON line in
``<history dir>/print-jobs.jsonl``, its bytes kept in ``<history dir>/payloads/`` so it can be
reprinted exactly, to the same printer or another.

Everything here blocks and is thread-safe: a caller (the GUI's op runner, a CLI) runs it on a
worker thread and gets progress through a plain callback; cancelling a batch is a
``threading.Event``. Nothing here knows about Qt.
"""
from __future__ import annotations

import json
import re
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from wms_desktop.domain.codes import iso_z

from .errors import PrintingError
from .files import write_atomically
from .rendering import PrintDocument
from .targets import Target, target_from_dict, target_to_dict

HISTORY_FILE = "print-jobs.jsonl"
PAYLOADS_DIR = "payloads"


@dataclass(frozen=True)
class PrintJob:
    job_id: str
    kind: str
    fmt: str
    target: dict
    status: str  # "sent" (handed to the printer or spooler) or "failed"
    error_code: str | None
    error_message: str | None
    bytes: int
    created_at: str
    reprint_of: str | None = None
    name: str = ""  # the document's own name (its file in a folder): pick-SO-1001-20261203-1405


@dataclass(frozen=True)
class BatchResult:
    jobs: tuple[PrintJob, ...]  # the jobs sent, in order
    cancelled: bool  # stopped by the cancel event before the last document


Progress = Callable[[int, int], None]  # (documents sent, documents in the batch)

_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def job_name(document: PrintDocument, when: datetime) -> str:
    """What a job is called where a person sees it (a file, the spooler's queue): the document
    and the local minute it was printed, ``pick-SO-1001-20261203-1405``; never the job id."""
    what = _NOT_IN_FILE_NAMES.sub("_", document.name or document.kind.replace("_", "-"))
    return f"{what}-{when:%Y%m%d-%H%M}"


class PrintJobs:
    def __init__(self, history_dir: Path | str) -> None:
        # the folder is made by the first job, on the caller's worker thread: dialogs build one of
        # these when they open, on the GUI thread, where a slow or network disk must not be touched
        self.directory = Path(history_dir)
        self._history = self.directory / HISTORY_FILE
        self._lock = threading.Lock()

    def submit(self, document: PrintDocument, target: Target, reprint_of: str | None = None) -> PrintJob:
        """Send one document; the job is recorded either way. Raises ``PrintingError`` if it
        was not sent."""
        job_id, now = uuid.uuid4().hex, datetime.now(UTC)
        name = job_name(document, now.astimezone())
        # kept before sending, so a job that failed can be reprinted once the printer is back
        try:
            write_atomically(self._payload_path(job_id, document.fmt), document.payload)
        except OSError as error:
            raise PrintingError("PRINT_FILE_FAILED", f"Cannot keep the print job in {str(self.directory)!r}: "
                                f"{error.strerror or error}", {"directory": str(self.directory)}) from None
        error: PrintingError | None = None
        try:
            target.send(document.payload, document.fmt, name)
        except PrintingError as refused:
            error = refused
        job = PrintJob(
            job_id=job_id,
            kind=document.kind,
            fmt=document.fmt,
            target=target_to_dict(target),
            status="failed" if error else "sent",
            error_code=error.error_code if error else None,
            error_message=error.message if error else None,
            bytes=len(document.payload),
            created_at=iso_z(now),
            reprint_of=reprint_of,
            name=name,
        )
        self._append(job)
        if error:
            raise error
        return job

    def reprint(self, job_id: str, target: Target | None = None) -> PrintJob:
        """The same bytes again, to the job's own target unless another is given."""
        original = self.job(job_id)
        payload_path = self._payload_path(job_id, original.fmt)
        if not payload_path.exists():
            raise PrintingError("PRINT_JOB_NOT_FOUND", f"The data of print job {job_id} is no longer kept", {"job_id": job_id})
        document = PrintDocument(original.kind, original.fmt, payload_path.read_bytes(),
                                 name=original.name.rsplit("-", 2)[0] if original.name else "")
        return self.submit(document, target or target_from_dict(original.target), reprint_of=job_id)

    def submit_batch(
        self,
        documents: Sequence[PrintDocument],
        target: Target,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> BatchResult:
        """Documents one after another; stops at the first failure (the printer is then
        unlikely to take the rest), raising its error with ``sent`` — how many went — in its
        details."""
        sent: list[PrintJob] = []
        for document in documents:
            if cancel is not None and cancel.is_set():
                return BatchResult(tuple(sent), cancelled=True)
            try:
                sent.append(self.submit(document, target))
            except PrintingError as error:
                error.details["sent"] = len(sent)
                raise
            if progress is not None:
                progress(len(sent), len(documents))
        return BatchResult(tuple(sent), cancelled=False)

    def history(self) -> list[PrintJob]:
        """All recorded jobs, oldest first."""
        if not self._history.exists():
            return []
        with self._lock:
            lines = self._history.read_text(encoding="utf-8").splitlines()
        jobs = []
        for line in lines:
            try:
                jobs.append(PrintJob(**json.loads(line)))
            except (ValueError, TypeError):
                continue  # a line torn by a crash mid-write; the others are intact
        return jobs

    def job(self, job_id: str) -> PrintJob:
        for job in self.history():
            if job.job_id == job_id:
                return job
        raise PrintingError("PRINT_JOB_NOT_FOUND", f"No print job {job_id} in the history", {"job_id": job_id})

    def _payload_path(self, job_id: str, fmt: str) -> Path:
        return self.directory / PAYLOADS_DIR / f"{job_id}.{fmt}"

    def _append(self, job: PrintJob) -> None:
        line = json.dumps(asdict(job), ensure_ascii=False) + "\n"
        with self._lock, self._history.open("a", encoding="utf-8") as out:
            out.write(line)
