"""Every scan is heard as well as seen: a blip when a dialog or screen took it, a buzz when it
was refused — the tones handed to the platform's player, which is stood in for here by a script
that notes what it was asked to play."""
from __future__ import annotations

import io
import stat
import wave

from tests.ui.key_streams import scan_keys
from tests.ui.test_dialogs_operations import demo_context, open_dialog, scanning, stock_line
from wms_desktop.devices.sound import TONES, TonePlayer, tone_wav
from wms_desktop.ui.dialogs import InboundDialog

FIXTURES = (demo_context, scanning, stock_line)  # used by name below


def recording_player(tmp_path):
    """A 'player' that appends the file it is given to played.txt."""
    script = tmp_path / "player"
    script.write_text(f'#!/bin/sh\necho "$1" >> "{tmp_path / "played.txt"}"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return TonePlayer(tmp_path / "sounds", player=str(script))


def played(tmp_path) -> list[str]:
    log = tmp_path / "played.txt"
    return [line.rsplit("scan-", 1)[1].removesuffix(".wav") for line in log.read_text().split()] \
        if log.exists() else []


def test_every_scan_is_heard_taken_or_refused(qtbot, runner, demo_context, scanning, stock_line, tmp_path):
    scanning.feedback.use_tones(recording_player(tmp_path))
    dialog = open_dialog(qtbot, runner, InboundDialog, demo_context, scanning)
    for code in (stock_line["location_code"], "NO-SUCH-CODE-77", stock_line["ean"]):
        scan_keys(dialog, code)
        qtbot.waitUntil(lambda: scanning.idle, timeout=5000)
    qtbot.waitUntil(lambda: len(played(tmp_path)) == 3, timeout=5000)
    assert played(tmp_path) == ["accept", "reject", "accept"]
    assert [where for _s, where in scanning.routed_log] == ["dialog", "unknown", "dialog"]


def test_without_a_player_a_refusal_still_rings_the_bell(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QApplication

    from wms_desktop.ui.scanning import ScanFeedback

    bells = []
    monkeypatch.setattr(QApplication, "beep", lambda: bells.append(1))
    feedback = ScanFeedback()
    player = TonePlayer(tmp_path, player="")
    feedback.use_tones(player)
    if player.available:  # Windows always has winsound
        return
    feedback.reject(None, "Unknown code: X")
    feedback.accept(None, "Location A-1")
    assert bells == [1]


def test_the_tones_are_short_wav_files():
    for name, segments in TONES.items():
        with wave.open(io.BytesIO(tone_wav(segments))) as wav:
            seconds = wav.getnframes() / wav.getframerate()
            assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
            assert 0.05 <= seconds <= 0.3, name  # heard at once, gone before the next scan
