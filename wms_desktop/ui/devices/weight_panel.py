"""The live weight in the receiving and packing dialogs, and the one-key capture.

The display says whether the reading is stable, still settling, or stale (nothing new for more
than 2 s); a timer re-checks the age, since a scale that goes silent sends no signal. Capture
asks the scale itself (:meth:`DeviceBridge.capture`), which refuses stale and unstable readings.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from ...devices.mqtt import STALE_AFTER_S, WeightCapture
from ...domain.errors import WmsError
from ..widgets.feedback import GREEN, RED
from .bridge import DeviceBridge

# display state -> colour of the state text
COLOURS = {"off": "#757575", "offline": "#c62828", "waiting": "#757575", "stale": "#c62828",
           "unstable": "#ef6c00", "stable": "#2e7d32"}
TICK_MS = 250


def format_grams(grams: int) -> str:
    """Whole grams as the scale shows them: ``850 g``, ``1.250 kg``, ``-12 g``."""
    if abs(grams) < 1000:
        return f"{grams} g"
    return f"{grams / 1000:.3f} kg"


def refusal_text(error: WmsError) -> str:
    """Why a capture was refused, and what to do about it."""
    reason = error.details.get("reason")
    if reason == "no_scale":
        return QCoreApplication.translate("WeightPanel", "No scale is set up for this workstation "
                                                         "(Settings → Scale & sensors).")
    if reason == "no_reading":
        return QCoreApplication.translate("WeightPanel", "The scale has sent no reading: check that it is "
                                                         "switched on and connected.")
    if reason == "stale":
        return QCoreApplication.translate("WeightPanel", "The scale reading is more than 2 s old: the scale or "
                                                         "its connection has stopped. Nothing was captured.")
    if reason == "unstable":
        return QCoreApplication.translate("WeightPanel", "The weight has not settled yet: wait until it is steady, "
                                                         "then capture again.")
    return QCoreApplication.translate("WeightPanel", "The weight cannot be captured now.")


class WeightPanel(QFrame):
    captured = Signal(object)  # WeightCapture
    refused = Signal(str)  # the reason, for the user

    def __init__(self, bridge: DeviceBridge | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weightPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.bridge = bridge
        self.weight_label = QLabel("—")
        self.weight_label.setObjectName("liveWeight")
        font = QFont(self.weight_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        self.weight_label.setFont(font)
        self.weight_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.weight_label.setMinimumWidth(self.weight_label.fontMetrics().horizontalAdvance("-0000.000 kg"))
        self.state_label = QLabel()
        self.state_label.setObjectName("weightState")
        self.capture_button = QPushButton()
        self.capture_button.setObjectName("captureWeight")
        self.capture_button.setAutoDefault(False)
        self.capture_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F9 from any field; focus stays in the scan fields
        self.capture_button.clicked.connect(self.capture)
        self.captured_label = QLabel()
        self.captured_label.setObjectName("capturedWeight")
        self.check_label = QLabel()
        self.check_label.setObjectName("weightCheck")
        self.check_label.setWordWrap(True)
        self.check_label.hide()
        grid = QGridLayout(self)
        grid.addWidget(self.state_label, 0, 0)
        grid.addWidget(self.weight_label, 0, 1, 2, 1)
        grid.addWidget(self.captured_label, 1, 0)
        grid.addWidget(self.capture_button, 2, 0)
        grid.addWidget(self.check_label, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self.display_state = "off"
        self.last_capture: WeightCapture | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.refresh)
        if bridge is not None:
            bridge.scale_reading.connect(self.refresh)
            bridge.state_changed.connect(self.refresh)
            if bridge.has_scale:
                self._timer.start()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.capture_button.setText(self.tr("Capture weight (F9)"))
        self._show_capture()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the live reading ------------------------------------------------------------------------
    @Slot()
    def refresh(self, *_args) -> None:
        bridge = self.bridge
        reading = bridge.latest_scale_reading() if bridge is not None else None
        if bridge is None or not bridge.has_scale:
            state, text = "off", self.tr("No scale configured")
        elif bridge.state != "connected":
            state, text = "offline", self.tr("Scale offline: broker not connected")
        elif reading is None:
            state, text = "waiting", self.tr("Waiting for the scale…")
        elif bridge.age_of(reading) > STALE_AFTER_S:
            state, text = "stale", self.tr("No reading for %1 s").replace("%1", str(int(bridge.age_of(reading))))
        elif not reading.stable:
            state, text = "unstable", self.tr("Settling…")
        else:
            state, text = "stable", self.tr("Stable")
        self.display_state = state
        self.state_label.setText(f'<span style="color:{COLOURS[state]}">●</span> {text}')
        fresh = state in ("stable", "unstable")
        self.weight_label.setText(format_grams(reading.gross_grams) if reading is not None and state != "offline"
                                  else "—")
        self.weight_label.setStyleSheet("" if fresh else "color: #9e9e9e;")
        self.capture_button.setEnabled(bridge is not None and bridge.has_scale)

    # -- capture -----------------------------------------------------------------------------------
    @Slot()
    def capture(self) -> WeightCapture | None:
        if self.bridge is None:
            self.refused.emit(refusal_text(WmsError("OPERATION_NOT_ALLOWED", details={"reason": "no_scale"})))
            return None
        try:
            capture = self.bridge.capture()
        except WmsError as error:
            self.refused.emit(refusal_text(error))
            return None
        self.last_capture = capture
        self._show_capture()
        self.captured.emit(capture)
        return capture

    def clear_capture(self) -> None:
        self.last_capture = None
        self._show_capture()
        self.show_check("", None)

    def _show_capture(self) -> None:
        capture = self.last_capture
        self.captured_label.setText(self.tr("Captured: %1").replace("%1", format_grams(capture.net_grams))
                                    if capture is not None else self.tr("Nothing captured"))

    def show_check(self, text: str, passed: bool | None) -> None:
        """The expected-versus-actual line: green when it passed, red when not, grey when unknown."""
        colours = {True: GREEN, False: RED, None: "#616161"}
        weight = "bold" if passed is False else "normal"
        self.check_label.setStyleSheet(f"color: {colours[passed]}; font-weight: {weight};")
        self.check_label.setText(text)
        self.check_label.setVisible(bool(text))
