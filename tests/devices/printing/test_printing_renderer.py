"""The label-drawing worker process: results and coded refusals come back as themselves, every
wait is bounded, and a worker that hung or died is replaced by the next call."""
from __future__ import annotations

import os
import pickle
import time

import pytest

from wms_desktop.devices.printing import (
    PROFILES,
    RENDERER,
    LocationLabel,
    PrintingError,
    RenderProcess,
    label_preview_png,
    render_labels,
)
from wms_desktop.domain.errors import WmsError, invalid

LABEL = LocationLabel("西8排1架6层4位", "L000042")


@pytest.fixture
def renderer():
    worker = RenderProcess(timeout=30)
    yield worker
    worker.shutdown()


def test_labels_are_drawn_in_another_process_with_the_same_bytes_as_here():
    assert RENDERER.run(os.getpid) != os.getpid()
    drawn = RENDERER.run(render_labels, [LABEL], PROFILES["50x30@203"], "zpl")
    assert drawn == render_labels([LABEL], PROFILES["50x30@203"], "zpl")
    assert RENDERER.run(label_preview_png, LABEL, PROFILES["50x30@203"]).startswith(b"\x89PNG")


def test_a_refusal_in_the_worker_is_raised_here_as_itself():
    with pytest.raises(PrintingError) as refused:
        RENDERER.run(render_labels, [LABEL], PROFILES["50x30@203"], "png")
    assert refused.value.to_dict() == {"error_code": "PRINT_FORMAT_UNSUPPORTED", "code": 14102,
                                       "error_message": "Labels are printed as pdf or zpl, not 'png'",
                                       "details": {"fmt": "png"}}


def test_a_coded_error_pickles_with_its_code_message_and_details():
    error = invalid("quantity", "must be positive", code=14009, quantity=0)
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is WmsError and again.to_dict() == error.to_dict() and again.args == error.args


def test_a_worker_that_does_not_answer_in_time_is_killed_and_replaced(renderer):
    renderer.timeout = 0.5
    started = time.monotonic()
    with pytest.raises(PrintingError) as refused:
        renderer.run(time.sleep, 30)
    assert time.monotonic() - started < 10
    assert refused.value.error_code == "PRINT_RENDERER_FAILED" and refused.value.code == 10107
    assert refused.value.details == {"reason": "timeout", "timeout_seconds": 0.5}
    assert not renderer.started
    renderer.timeout = 30
    assert renderer.run(len, b"abc") == 3  # a fresh worker


def test_a_worker_that_died_fails_its_call_with_a_code_and_the_next_call_works(renderer):
    with pytest.raises(PrintingError) as refused:
        renderer.run(os._exit, 3)
    assert refused.value.error_code == "PRINT_RENDERER_FAILED" and refused.value.details["reason"] == "stopped"
    assert renderer.run(len, b"ab") == 2


def test_shutdown_stops_the_worker_and_a_later_call_starts_another(renderer):
    first = renderer.run(os.getpid)
    renderer.shutdown()
    assert not renderer.started
    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)  # gone, and reaped
    assert renderer.run(os.getpid) != first


@pytest.mark.skipif(not hasattr(os, "nice"), reason="POSIX niceness")
def test_the_worker_yields_the_cpu_to_the_window():
    assert RENDERER.run(os.nice, 0) == min(os.nice(0) + 10, 19)
