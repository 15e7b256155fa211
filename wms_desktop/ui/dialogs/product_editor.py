"""Create or edit a product: its fields, its image, and its SKUs (colour × size grid) with each
SKU's unit weight and barcodes.

- Editing loads ``catalog.product_detail`` off the GUI thread; Save stays disabled until then.
- Save turns the difference between the loaded product and the form into one
  ``catalog.save_product`` command (:mod:`.product_changes`): the catalogue applies all of it
  in one transaction, or nothing. It carries a ``request_id`` kept while the edit is unchanged,
  and a second Save while one runs is ignored, so a double click or a retry never applies a
  change twice.
- A refusal is shown in red beside the field (or SKU) it concerns (``details.step`` names the
  part of the edit); nothing was saved, so the whole edit stays in the form to fix or undo.
- The chosen image is copied into the images folder (``paths.uploads_dir()``) under a name
  made from its content, and stored as ``/uploads/<name>``.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QImageReader, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...contract.api import ServiceApi
from ...contract.catalog import ProductDetail, ProductEdited, SaveProduct
from ...contract.decode import to_json
from ...domain.codes import CODE_MAX
from ...domain.errors import WmsError
from ...domain.fields import MAX_QUANTITY, NAME_MAX
from ...paths import uploads_dir
from ..errors.messages import code_tag, error_text
from ..ops import QueryOp
from ..scanning import disable_input_method
from ..session import AppContext
from ..widgets.feedback import error_box, error_line, show_text
from ..workflows.product_changes import IMPLICIT, Key, SkuDraft, baseline_skus, plan
from .sku_editors import SkuGrid, SkuPanel

UPLOADS_PREFIX = "/uploads/"
PREVIEW = 150
NEW_SKU = re.compile(r"(?:(?:create|update)\.)?skus\[(\d+)\]")  # a field of a new SKU of the edit
STEP = re.compile(r"(weights|removed_external_codes|deleted_skus|added_external_codes)\[(\d+)\]")
PANEL_STEPS = {"weights", "removed_external_codes", "added_external_codes"}  # shown in the SKU panel


def save(services: ServiceApi, command: SaveProduct, image: tuple[Path, Path] | None) -> ProductEdited:
    """Worker side of Save: copy the image into the images folder, then save the whole edit."""
    if image is not None and not image[1].exists():
        image[1].parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(image[0], image[1])
    return services.catalog.save_product(command)


def image_file_name(source: Path) -> str:
    """Content-addressed: choosing the same picture twice stores it once."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:20]
    return digest + source.suffix.lower()


class ProductEditor(QDialog):
    saved = Signal(object)  # ProductEdited: the product as saved and what the save changed

    def __init__(self, context: AppContext, product_id: int | None = None, parent: QWidget | None = None,
                 images: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProductEditor")
        self.context = context
        self.product_id = product_id
        self.images = images if images is not None else uploads_dir()
        self.detail: ProductDetail | None = None
        self.drafts: dict[Key, SkuDraft] = {}
        self._image_source: Path | None = None
        self._request: tuple[str, str] | None = None  # (the edit as JSON, its request_id)
        self._saving = False
        self.refusal: WmsError | None = None

        self.code_edit = self._line("product_code", CODE_MAX)
        disable_input_method(self.code_edit)
        self.name_edit = self._line("product_name", NAME_MAX)
        self.unit_edit = self._line("unit", 16)
        self.unit_edit.setText("件")
        self.category_edit = self._line("category_id", CODE_MAX)
        self.low_spin = self._threshold("low_stock_threshold")
        self.high_spin = self._threshold("high_stock_threshold")
        self.has_sku_box = QCheckBox()
        self.has_sku_box.setObjectName("has_sku")
        self.has_sku_box.setChecked(True)
        self.has_sku_box.toggled.connect(self._sku_mode)
        self.code_edit.textChanged.connect(self._code_changed)

        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setFixedSize(PREVIEW, PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("QLabel#preview { border: 1px solid palette(mid); color: palette(mid); }")
        self.image_path: str | None = None
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("choose_image")
        self.clear_image_button = QPushButton()
        self.clear_image_button.setObjectName("clear_image")
        self.choose_button.clicked.connect(self.choose_image)
        self.clear_image_button.clicked.connect(lambda: self.set_image(None))

        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.fields_layout = QFormLayout()
        self.fields_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, widget in (("product_code", self.code_edit), ("product_name", self.name_edit),
                             ("unit", self.unit_edit), ("category_id", self.category_edit),
                             ("low_stock_threshold", self.low_spin), ("high_stock_threshold", self.high_spin),
                             ("has_sku", self.has_sku_box)):
            self._row(name, widget)
        image_buttons = QVBoxLayout()
        image_buttons.addWidget(self.choose_button)
        image_buttons.addWidget(self.clear_image_button)
        image_buttons.addStretch(1)
        image_row = QHBoxLayout()
        image_row.setContentsMargins(0, 0, 0, 0)
        image_row.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        image_row.addLayout(image_buttons)
        image_row.addStretch(1)
        image_box = QWidget()
        image_box.setLayout(image_row)
        self._row("image_path", image_box)
        self.labels["image_path"].setBuddy(self.choose_button)

        self.grid = SkuGrid(self.drafts)
        self.grid.current_changed.connect(self._show_current_sku)
        self.panel = SkuPanel()
        self.single_hint = QLabel()
        self.single_hint.setWordWrap(True)
        self.single_hint.setStyleSheet("color: palette(mid);")
        for shrinking in (self.single_hint, self.panel):  # without the grid, the space stays empty below
            shrinking.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        sku_side = QVBoxLayout()
        self.skus_title = QLabel()
        self.skus_title.setStyleSheet("font-weight: bold;")
        sku_side.addWidget(self.skus_title)
        sku_side.addWidget(self.grid, 1)
        sku_side.addWidget(self.single_hint)
        sku_side.addWidget(self.panel)
        sku_side.addStretch(0)

        self.general_error = error_box()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setStyleSheet("color: palette(mid);")
        self.save_button = QPushButton()
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        left = QVBoxLayout()
        left.addLayout(self.fields_layout)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(sku_side, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        self.resize(940, 600)
        self.retranslate_ui()
        self.set_image(None)
        self._sku_mode(True)
        if product_id is not None:
            self._load()
        (self.code_edit if product_id is None else self.name_edit).setFocus()

    # -- building ------------------------------------------------------------------------------
    def _line(self, name: str, max_length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(max_length)
        return edit

    def _threshold(self, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(-1, MAX_QUANTITY)
        spin.setValue(-1)
        spin.setAccelerated(True)
        return spin

    def _row(self, name: str, widget: QWidget) -> None:
        label = QLabel()
        label.setBuddy(widget)
        self.labels[name] = label
        self.errors[name] = error_line(f"{name}_error")
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self.errors[name])
        self.fields_layout.addRow(label, column)

    # -- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("New product") if self.product_id is None else self.tr("Edit product"))
        names = {"product_code": self.tr("Product &code"), "product_name": self.tr("&Name"), "unit": self.tr("&Unit"),
                 "category_id": self.tr("C&ategory"), "low_stock_threshold": self.tr("&Low stock alert"),
                 "high_stock_threshold": self.tr("&High stock alert"), "has_sku": self.tr("SKUs"),
                 "image_path": self.tr("&Image")}
        for name, label in self.labels.items():
            label.setText(names[name])
        self.has_sku_box.setText(self.tr("Has colours and sizes"))
        self.code_edit.setPlaceholderText(self.tr("e.g. 129092 (no \"-\")"))
        self.category_edit.setPlaceholderText(self.tr("optional"))
        for spin in (self.low_spin, self.high_spin):
            spin.setSpecialValueText(self.tr("off"))
        self.choose_button.setText(self.tr("Choose &file…"))
        self.clear_image_button.setText(self.tr("No image"))
        self.skus_title.setText(self.tr("SKUs: colours × sizes"))
        self.single_hint.setText(self.tr("A product without colours and sizes has one SKU, its product code."))
        self.save_button.setText(self.tr("&Save (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
        if self.image_path is None and self._image_source is None:
            self.preview.setText(self.tr("No image"))
        self.grid.retranslate_ui()
        self.panel.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- loading -------------------------------------------------------------------------------
    def _load(self) -> None:
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Loading…"))
        product_id = self.product_id
        assert product_id is not None
        QueryOp(self.context, parent=self, op=lambda s: s.catalog.product_detail(product_id), success=self.show_product,
                key="load").failure(self._load_failed).run_in_background()

    def _load_failed(self, error: WmsError) -> None:
        self.status.clear()
        show_text(self.general_error, error_text(error))

    def show_product(self, detail: ProductDetail) -> None:
        """Fill the form from a saved product (its fields, image and SKUs)."""
        self.status.clear()
        self.save_button.setEnabled(True)
        self.code_edit.setText(detail.product_code)
        self.name_edit.setText(detail.product_name)
        self.unit_edit.setText(detail.unit)
        self.category_edit.setText(detail.category_id or "")
        self.low_spin.setValue(detail.low_stock_threshold)
        self.high_spin.setValue(detail.high_stock_threshold)
        self.has_sku_box.setChecked(detail.has_sku)
        self.set_image(detail.image_path)
        self._set_baseline(detail)

    def _set_baseline(self, detail: ProductDetail) -> None:
        """What is saved now; the form's SKU edits are kept on top of it."""
        self.detail = detail
        self.product_id = detail.product_id
        self.code_edit.setReadOnly(True)  # an identity: printed on labels, part of every SKU code
        self.code_edit.setStyleSheet("QLineEdit { background: palette(window); }")
        self.has_sku_box.setEnabled(False)
        saved = baseline_skus(detail)
        if detail.has_sku:
            self.grid.load(saved, detail.product_code)
        else:
            self.drafts.setdefault(IMPLICIT, SkuDraft(weight_grams=saved[IMPLICIT]["weight_grams"],
                                                      external_codes=list(saved[IMPLICIT]["external_codes"]),
                                                      scan_code=saved[IMPLICIT]["scan_code"]))
        self._sku_mode(detail.has_sku)
        self.retranslate_ui()

    # -- image ---------------------------------------------------------------------------------
    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Product image"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif)"))
        if path:
            self.use_image_file(Path(path))

    def use_image_file(self, source: Path) -> None:
        """Take a picture file: preview it now, copy it into the images folder on Save."""
        show_text(self.errors["image_path"], "")
        if not QImageReader(str(source)).canRead():
            show_text(self.errors["image_path"], self.tr("%1 is not a picture this app can read.")
                       .replace("%1", source.name))
            return
        self._image_source = source
        self.image_path = UPLOADS_PREFIX + image_file_name(source)
        self._preview(source)

    def set_image(self, image_path: str | None) -> None:
        """Show a stored ``/uploads/…`` image (None: no image)."""
        self._image_source = None
        self.image_path = image_path
        self.clear_image_button.setEnabled(image_path is not None)
        if image_path is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No image"))
            return
        local = self.images / image_path[len(UPLOADS_PREFIX):]
        if local.exists():
            self._preview(local)
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("%1 is not in this workstation's images folder.").replace("%1", image_path))

    def _preview(self, path: Path) -> None:
        pixmap = QPixmap(str(path))
        self.preview.setPixmap(pixmap.scaled(PREVIEW - 4, PREVIEW - 4, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))
        self.clear_image_button.setEnabled(True)

    # -- SKUs ----------------------------------------------------------------------------------
    def _sku_mode(self, has_sku: bool) -> None:
        self.grid.setVisible(has_sku)
        self.single_hint.setVisible(not has_sku)
        if has_sku:
            self._show_current_sku(self.grid.current_key())
        else:
            self.panel.show_sku(self.code_edit.text().strip(), self.drafts.setdefault(IMPLICIT, SkuDraft()))

    def _code_changed(self, code: str) -> None:
        self.grid.set_product_code(code.strip())
        self._sku_mode(self.has_sku_box.isChecked())

    def _show_current_sku(self, key: Key | None) -> None:
        draft = self.drafts.get(key) if key is not None else None
        if key is not None and draft is not None and draft.checked:
            self.panel.show_sku(self.grid.sku_code(key), draft)
        else:
            self.panel.show_sku("", None)

    # -- saving --------------------------------------------------------------------------------
    def form_values(self) -> dict[str, Any]:
        return {
            "product_code": self.code_edit.text().strip(), "product_name": self.name_edit.text().strip(),
            "unit": self.unit_edit.text().strip(), "category_id": self.category_edit.text().strip() or None,
            "image_path": self.image_path, "has_sku": self.has_sku_box.isChecked(),
            "low_stock_threshold": self.low_spin.value(), "high_stock_threshold": self.high_spin.value(),
        }

    def changes(self) -> SaveProduct | None:
        """The edit as one command (None: nothing changed), with the operator and a request_id
        that stays the same for the same edit."""
        has_sku = self.has_sku_box.isChecked()
        drafts = {k: d for k, d in self.drafts.items() if (k == IMPLICIT) != has_sku}
        edit = plan(self.detail, self.form_values(), drafts)
        if edit is None:
            return None
        key = json.dumps(to_json(edit), sort_keys=True, ensure_ascii=False)
        if self._request is None or self._request[0] != key:
            self._request = (key, f"ui-{uuid.uuid4().hex}")
        session = self.context.session
        return plan(self.detail, self.form_values(), drafts, request_id=self._request[1],
                    operator_id=session.operator_id if session is not None else None)

    def save(self) -> None:
        if self._saving or (self.product_id is not None and self.detail is None):
            return  # the second click of a double click, or still loading
        self._clear_errors()
        command = self.changes()
        if command is None:
            self.accept()
            return
        image = None
        if self._image_source is not None and self.image_path is not None:
            image = (self._image_source, self.images / self.image_path[len(UPLOADS_PREFIX):])
        self._saving = True
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        QueryOp(self.context, parent=self, op=lambda s: save(s, command, image), success=self._saved, key="save") \
            .failure(lambda error: self._refused(error, command)).run_in_background()

    def _saved(self, edited: ProductEdited) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.status.clear()
        self._set_baseline(edited)
        self.saved.emit(edited)
        self.accept()

    def _refused(self, error: WmsError, command: SaveProduct) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.status.clear()
        self.refusal = error
        self._show_refusal(error, command)

    def _show_refusal(self, error: WmsError, command: SaveProduct) -> None:
        """Beside the field it is about: a product field, the SKU panel (weight, barcodes) or
        the grid (SKU codes, deletions); anything else under the form."""
        details = error.details or {}
        field = str(details.get("field") or "").removeprefix("create.").removeprefix("update.")
        step = STEP.match(str(details.get("step") or details.get("field") or ""))
        new_sku = NEW_SKU.match(str(details.get("field") or ""))
        text = error_text(error)
        if field in self.errors:
            self._field_error(field, text)
        elif error.error_code in ("PRODUCT_CODE_EXISTS", "INVALID_PRODUCT_CODE"):
            self._field_error("product_code", text)
        elif step:
            part = getattr(command, step[1])[int(step[2])]
            self._sku_error(part if isinstance(part, str) else part.sku_code, error, text, step[1] in PANEL_STEPS)
        elif new_sku:
            part = command.create if command.create is not None else command.update
            assert part is not None and part.skus is not None
            self._sku_error(part.skus[int(new_sku[1])].sku_code, error, text,
                            field.endswith(("weight_grams", "external_codes")))
        elif error.error_code == "EXTERNAL_CODE_EXISTS":
            self._sku_error(None, error, self.tr("%1 is already the barcode of %2.")
                            .replace("%1", str(details.get("external_code")))
                            .replace("%2", str(details.get("sku_code")))
                            + f" {code_tag(error)}", True)
        elif error.error_code == "SKU_CODE_EXISTS":
            self._sku_error(details.get("sku_code"), error, text, False)
        else:
            show_text(self.general_error, text)

    def _field_error(self, field: str, text: str) -> None:
        show_text(self.errors[field], text)
        widget = self.labels[field].buddy()
        if widget is not None:
            widget.setFocus()

    def _sku_error(self, sku_code: str | None, error: WmsError, text: str, in_panel: bool) -> None:
        has_sku = self.has_sku_box.isChecked()
        key = self.grid.key_of(sku_code) if sku_code and has_sku else None
        if key is not None:
            self.grid.select(key)  # the panel now shows that SKU
            self.grid.table.setFocus()
        reason = (error.details or {}).get("reason")
        # the editor's own sentence says all error_text would, so only the code goes with it
        if reason == "sku_has_stock":
            text = self.tr("%1 still holds %2 in stock: move or ship it first, or tick it again.") \
                .replace("%1", sku_code or "").replace("%2", str(error.details.get("stock_quantity"))) \
                + f" {code_tag(error)}"
        elif reason == "last_sku":
            text = self.tr("A product keeps at least one SKU: delete the product instead.") + f" {code_tag(error)}"
        elif sku_code:
            text = f"{sku_code}: {text}"
        show_text(self.panel.error if in_panel or not has_sku else self.grid.message, text)

    def _clear_errors(self) -> None:
        self.refusal = None
        for label in (*self.errors.values(), self.general_error, self.grid.message, self.panel.error):
            show_text(label, "")

    def reject(self) -> None:
        if self._saving:
            return  # let the save finish: closing now would hide its outcome
        super().reject()

    @property
    def busy(self) -> bool:
        return self._saving
