"""Weighing in the receiving and packing dialogs.

The live weight of this workstation's scale is shown; F9 (or the button) captures a stable
reading at most 2 s old, and where the SKU's ``weight_grams`` is known the capture is checked
against unit weight × quantity within the workstation's tolerance. Weighing is optional (no
scale, no capture: the post goes ahead), but a *failed* check blocks the post until the clerk
confirms it explicitly ("Post anyway", not the default); every such override is logged.
"""
from __future__ import annotations

import logging
from typing import Protocol, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox

from ...devices.mqtt import WeightCapture, WeightCheck, WeightVerdict, check_weight
from ...devices.scanner import Scan
from ..devices import WeightPanel, format_grams
from ..session import AppContext

log = logging.getLogger(__name__)

CAPTURE_KEY = "F9"


class WeighingDialog(Protocol):
    """What weighing needs of the operation dialog it sits in."""

    context: AppContext
    quantity_edit: QLineEdit
    op: str

    def quantity_ok(self, text: str) -> bool: ...
    def operator(self) -> str: ...
    def show_message(self, text: str) -> None: ...
    def clear_error(self) -> None: ...


class Weighing(QObject):
    def __init__(self, host: QDialog) -> None:
        super().__init__(host)
        self.dialog = dialog = cast(WeighingDialog, host)
        self.panel = WeightPanel(dialog.context.devices, host)
        self.panel.captured.connect(self._captured)
        self.panel.refused.connect(dialog.show_message)
        dialog.quantity_edit.textChanged.connect(self.check)
        QShortcut(QKeySequence(CAPTURE_KEY), host, self.panel.capture)
        self.sku_code: str | None = None
        self.unit_weight: tuple[str, int | None] | None = None  # (sku_code, weight_grams) of the item
        self.result: WeightCheck | None = None
        self._override: tuple | None = None  # the (capture, check) a clerk confirmed despite the check failing

    def hint(self) -> str:
        return self.tr("F9 captures the weight on the scale.")

    # -- the item and its unit weight ---------------------------------------------------------------
    def item_changed(self, scan: Scan | None) -> None:
        """The dialog's item is now ``scan`` (None: none); its lookup brought the unit weight."""
        self.sku_code = scan.sku_code if scan is not None else None
        self.unit_weight = (self.sku_code, scan.weight_grams) if self.sku_code else None
        self.check()

    def _captured(self, _capture: WeightCapture) -> None:
        self.dialog.clear_error()
        self.check()

    # -- the check ------------------------------------------------------------------------------------
    def _expected_grams(self) -> tuple[int | None, str]:
        """(expected grams, or None with the reason it cannot be checked yet)."""
        if self.unit_weight is None:
            return None, self.tr("Scan the item to check the weight.")
        unit = self.unit_weight[1]
        if unit is None:
            why = self.tr("No unit weight is recorded for %1: the weight is not checked.")
            return None, why.replace("%1", self.unit_weight[0])
        quantity = self.dialog.quantity_edit.text()
        if not self.dialog.quantity_ok(quantity):
            return None, self.tr("Enter the quantity to check the weight.")
        return unit * int(quantity), ""

    def check(self, *_args) -> None:
        self.result = None
        capture = self.panel.last_capture
        if capture is None:
            self.panel.show_check("", None)
            return
        expected, why_not = self._expected_grams()
        if expected is None:
            self.panel.show_check(why_not, None)
            return
        settings = self.dialog.context.settings
        self.result = check_weight(expected, capture.net_grams, tolerance_percent=settings.weight_tolerance_percent,
                                   tolerance_grams=settings.weight_tolerance_grams)
        self.panel.show_check(self._check_text(self.result, expected, capture), self.result.verdict is WeightVerdict.OK)

    def _check_text(self, check: WeightCheck, expected: int, capture: WeightCapture) -> str:
        verdict = {WeightVerdict.OK: self.tr("✔ Weight OK"), WeightVerdict.OVER: self.tr("✘ Too heavy"),
                   WeightVerdict.UNDER: self.tr("✘ Too light")}[check.verdict]
        detail = self.tr("%1: weighed %2, expected %3 (%4 × %5); difference %6, ±%7 allowed")
        return (detail.replace("%1", verdict).replace("%2", format_grams(capture.net_grams))
                .replace("%3", format_grams(expected)).replace("%4", self.dialog.quantity_edit.text().strip())
                .replace("%5", format_grams(self.unit_weight[1])).replace("%6", f"{check.difference_grams:+d} g")
                .replace("%7", f"{check.allowed_grams} g"))

    # -- posting ------------------------------------------------------------------------------------
    def allows_posting(self) -> bool:
        """A failed check blocks the post until the clerk confirms it; an unchecked weight does not."""
        if self.panel.last_capture is None:
            return True
        if self.result is None or self.result.verdict is WeightVerdict.OK:
            return True
        decision = (self.panel.last_capture, self.result)
        if self._override == decision:
            return True
        if not self.confirm_override(self.panel.check_label.text()):
            self.dialog.show_message(self.tr("Not posted: the weight does not match. Weigh again (F9) or correct the "
                                        "quantity."))
            return False
        log.warning("weight check overridden by %s: %s %s, %s", self.dialog.operator(), self.dialog.op,
                    self.sku_code or "?", self.result)
        self._override = decision
        return True

    def confirm_override(self, check_text: str) -> bool:
        """Ask before posting despite a failed weight check (No is the default)."""
        question = self.tr("Post anyway?")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Weight check failed"), f"{check_text}\n\n{question}",
                          QMessageBox.StandardButton.NoButton, self.dialog)
        post = box.addButton(self.tr("&Post anyway"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("&Do not post"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is post

    def posted_text(self) -> str | None:
        """What the result line says of the weight (None: nothing was weighed)."""
        capture = self.panel.last_capture
        if capture is None:
            return None
        text = self.tr("Weighed %1").replace("%1", format_grams(capture.net_grams))
        if self.result is not None:
            verdict = {WeightVerdict.OK: self.tr("check passed"),
                       WeightVerdict.OVER: self.tr("too heavy, posted anyway"),
                       WeightVerdict.UNDER: self.tr("too light, posted anyway")}[self.result.verdict]
            text += f" ({verdict})"
        return text

    def next_item(self) -> None:
        """The post went through and the fields were cleared: the next parcel is weighed afresh."""
        self.panel.clear_capture()
        self.sku_code = self.unit_weight = self.result = None
