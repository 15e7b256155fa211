"""1,000 scans through the app-wide filter while dialogs open and close: none lost, none
doubled, each where it belongs. Key streams as wedges send them: Shift around the capitals,
GS as Ctrl+], keys 1–5 ms (USB) or 20–40 ms (Bluetooth) apart, a scan every 1/15 s after the
last. The keys carry their own times, so this takes seconds, not minutes."""
from __future__ import annotations

import random

from PySide6.QtWidgets import QListWidget

from tests.ui.key_streams import BLUETOOTH, GS, KEYBOARD, USB, send
from tests.ui.test_dialogs_operations import demo_context, open_dialog, scanning  # noqa: F401 - fixtures
from wms_desktop.ui.dialogs import InboundDialog, TransferDialog


class RecordingScreen(QListWidget):
    """A screen that takes locations and items, and refuses what it does not know."""

    def __init__(self) -> None:
        super().__init__()
        self.taken: list = []

    def handle_scan(self, scan) -> bool:
        if scan.kind == "unknown":
            return False
        self.taken.append(scan)
        return True


def test_thousand_scans_with_shift_and_mixed_timings_none_lost_doubled_or_misrouted(qtbot, runner, demo_context, scanning):
    services = demo_context.services
    items = services.stock.query({"page_size": 200}).items
    locations = sorted({i.location_code for i in items})[:12]
    # items without batches: after one kept in batches the next unknown code would be its batch (the batch step)
    skus = [s for s in sorted({i.sku_code for i in items}) if not services.lookup.identify({"code": s}).batched][:12]
    eans = [c for s in skus for c in services.catalog.external_codes_of(s).external_codes][:6]
    gs1 = [f"]C101{'0' + e}10L{n}{GS}30{n + 1}" for n, e in enumerate(eans[:3])]
    unknown = ["NO-SUCH-CODE", "ZZZZ9", "]C1garbage"]
    pool = ([(c, "location") for c in locations] + [(c, "sku") for c in skus] + [(c, "external") for c in eans]
            + [(c, "gs1") for c in gs1] + [(c, "unknown") for c in unknown])
    rng = random.Random(7)

    screen = RecordingScreen()
    qtbot.addWidget(screen)
    screen.show()
    scanning.current_screen = lambda: screen
    beeps = scanning.feedback.sound
    routed = scanning.routed_log
    takers = []
    scanning.routed.connect(lambda _scan, _where, taker: takers.append(taker))

    sent, expected = [], []
    dialog = None
    for segment in range(20):  # 20 × 50 scans; a dialog opens or closes between segments
        if segment % 2:
            dialog = open_dialog(qtbot, runner, (InboundDialog, TransferDialog)[segment // 2 % 2], demo_context,
                                 scanning)
        elif dialog is not None:
            dialog.close()
            qtbot.waitUntil(lambda: scanning.active_dialog() is None, timeout=2000)
            dialog = None
        target_widget = dialog.quantity_edit if dialog is not None else screen
        for _ in range(50):
            text, kind = rng.choice(pool)
            KEYBOARD.pause(1000 // 15)
            send(target_widget, KEYBOARD.scanner(text, gaps=rng.choice((USB, BLUETOOTH))))
            sent.append(text)
            if kind == "unknown":
                expected.append(("unknown", None))
            else:
                expected.append(("dialog", dialog) if dialog is not None else ("screen", screen))
        qtbot.waitUntil(lambda: scanning.idle, timeout=20_000)
    runner.wait_for_done()

    assert len(routed) == 1000 == len(sent)
    assert [scan.raw for scan, _where in routed] == sent  # in reading order: none lost or doubled
    assert [(where, taker) for (_s, where), taker in zip(routed, takers)] == expected
    assert [scan.kind for scan, _w in routed if scan.raw in unknown] == ["unknown"] * sum(t in unknown for t in sent)
    assert len(beeps) == sum(t in unknown for t in sent) and scanning.scanner.holding == 0
    assert screen.count() == 0  # no scanner key ever typed into the widget that had focus
    for scan, _w in routed:
        if scan.kind == "location":
            assert scan.location_code == scan.text
        elif scan.kind in ("sku", "external", "gs1"):
            assert scan.sku_code
