"""Print jobs: the JSON-lines history, reprints, and batches run off the calling thread with
progress and cancellation."""
from __future__ import annotations

import json
import re
import threading

import pytest
from printing_helpers import LOOPBACK, LoopbackPrinter, closed_port

from wms_desktop.devices.printing import (
    PROFILES,
    FileTarget,
    LocationLabel,
    PrintDocument,
    PrintingError,
    PrintJobs,
    RawTcpPrinter,
    render_label_batches,
    render_labels,
)

ZPL = PrintDocument("location_label", "zpl", b"^XA^FO10,10^A0N,30,30^FDA01^FS^XZ\n")


def test_a_sent_job_is_recorded_in_the_history_directory_given(tmp_path):
    jobs = PrintJobs(tmp_path / "history")
    printer = LoopbackPrinter(connections=1)
    job = jobs.submit(ZPL, RawTcpPrinter(LOOPBACK, printer.port))
    assert printer.wait_for(1) == [ZPL.payload]
    [line] = (tmp_path / "history" / "print-jobs.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {
        "job_id": job.job_id, "kind": "location_label", "fmt": "zpl", "status": "sent", "error_code": None,
        "error_message": None, "bytes": len(ZPL.payload), "created_at": job.created_at, "reprint_of": None,
        "name": job.name, "target": {"type": "raw_tcp", "host": LOOPBACK, "port": printer.port, "connect_timeout": 3.0, "send_timeout": 10.0},
    }
    assert jobs.history() == [job]
    printer.close()


def test_a_failed_job_is_recorded_and_can_be_reprinted_elsewhere(tmp_path):
    jobs = PrintJobs(tmp_path)
    with pytest.raises(PrintingError) as refused:
        jobs.submit(ZPL, RawTcpPrinter(LOOPBACK, closed_port()))
    [failed] = jobs.history()
    assert (failed.status, failed.error_code) == ("failed", "PRINTER_UNREACHABLE")
    assert failed.error_message == refused.value.message

    reprint = jobs.reprint(failed.job_id, FileTarget(str(tmp_path / "out")))
    assert (reprint.status, reprint.reprint_of) == ("sent", failed.job_id)
    assert re.fullmatch(r"location-label-\d{8}-\d{4}", reprint.name)  # what it is, when: not its job id
    assert (tmp_path / "out" / f"{reprint.name}.zpl").read_bytes() == ZPL.payload
    assert [job.job_id for job in jobs.history()] == [failed.job_id, reprint.job_id]


def test_a_reprint_goes_to_the_original_printer_with_the_same_bytes(tmp_path):
    jobs = PrintJobs(tmp_path)
    printer = LoopbackPrinter(connections=2)
    pdf = render_labels([LocationLabel("西8排1架6层4位")], PROFILES["50x30@203"], "pdf")
    first = jobs.submit(pdf, RawTcpPrinter(LOOPBACK, printer.port))
    jobs.reprint(first.job_id)
    assert printer.wait_for(2) == [pdf.payload, pdf.payload]
    printer.close()


def test_the_history_folder_is_made_by_the_first_job_not_when_the_history_is_opened(tmp_path):
    jobs = PrintJobs(tmp_path / "history")  # a dialog opening, on the GUI thread: no disk touched
    assert not (tmp_path / "history").exists() and jobs.history() == []
    jobs.submit(ZPL, FileTarget(str(tmp_path / "out")))
    assert len(jobs.history()) == 1


def test_a_history_folder_that_cannot_be_made_refuses_the_job_with_a_code(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(PrintingError) as refused:
        PrintJobs(tmp_path / "file" / "history").submit(ZPL, FileTarget(str(tmp_path / "out")))
    assert refused.value.error_code == "PRINT_FILE_FAILED"
    assert refused.value.details == {"directory": str(tmp_path / "file" / "history")}
    assert not (tmp_path / "out").exists()  # nothing sent that the history cannot reprint


def test_an_unknown_job_cannot_be_reprinted(tmp_path):
    with pytest.raises(PrintingError) as refused:
        PrintJobs(tmp_path).reprint("no-such-job")
    assert refused.value.error_code == "PRINT_JOB_NOT_FOUND"


def test_a_line_torn_by_a_crash_does_not_hide_the_rest(tmp_path):
    jobs = PrintJobs(tmp_path)
    job = jobs.submit(ZPL, FileTarget(str(tmp_path / "out")))
    with (tmp_path / "print-jobs.jsonl").open("a", encoding="utf-8") as history:
        history.write('{"job_id": "half a li')
    assert jobs.history() == [job]


def test_a_batch_runs_on_a_worker_thread_with_progress(tmp_path):
    labels = [LocationLabel(f"A01-01-{n:02d}") for n in range(1, 26)]
    documents = render_label_batches(labels, PROFILES["50x30@203"], "zpl", per_document=10)
    assert len(documents) == 3
    printer = LoopbackPrinter(connections=3)
    progress, results = [], []
    target = RawTcpPrinter(LOOPBACK, printer.port)
    worker = threading.Thread(
        target=lambda: results.append(PrintJobs(tmp_path).submit_batch(documents, target, lambda *p: progress.append(p)))
    )
    worker.start()
    worker.join(timeout=10)
    [result] = results
    assert (len(result.jobs), result.cancelled) == (3, False)
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert b"".join(printer.wait_for(3)).count(b"^XA") == 25
    printer.close()


def test_a_batch_stops_when_cancelled(tmp_path):
    documents = [ZPL] * 5
    cancel = threading.Event()

    def progress(sent, total):
        if sent == 2:
            cancel.set()  # as the GUI's Cancel button would, from another thread

    result = PrintJobs(tmp_path).submit_batch(documents, FileTarget(str(tmp_path / "out")), progress, cancel)
    assert (len(result.jobs), result.cancelled) == (2, True)
    assert len(list((tmp_path / "out").iterdir())) == 2


def test_a_batch_stops_at_the_first_failure_saying_how_many_went(tmp_path):
    printer = LoopbackPrinter()
    jobs = PrintJobs(tmp_path)
    with pytest.raises(PrintingError) as refused:
        # the printer is switched off once the first job is through
        jobs.submit_batch([ZPL] * 3, RawTcpPrinter(LOOPBACK, printer.port), progress=lambda sent, total: printer.close())
    assert refused.value.error_code == "PRINTER_UNREACHABLE"
    assert refused.value.details["sent"] == 1
    assert [job.status for job in jobs.history()] == ["sent", "failed"]


def test_jobs_from_several_threads_each_get_one_whole_history_line(tmp_path):
    jobs = PrintJobs(tmp_path)
    target = FileTarget(str(tmp_path / "out"))
    workers = [threading.Thread(target=lambda: [jobs.submit(ZPL, target) for _ in range(10)]) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=10)
    history = jobs.history()
    assert len(history) == 40 == len({job.job_id for job in history})
    assert len((tmp_path / "print-jobs.jsonl").read_text(encoding="utf-8").splitlines()) == 40
    assert len(list((tmp_path / "out").iterdir())) == 40  # same name, same minute: none written over another
