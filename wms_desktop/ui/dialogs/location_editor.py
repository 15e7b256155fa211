"""Create or edit a location of the workstation's warehouse: code (fixed once created), name,
type, active flag and the ASCII scan code its label's Code 128 carries (left empty on a new
location: assigned, L + a number). ``无货位`` is never edited here (the Locations screen does not offer it,
and the service refuses anyway). Save runs on the database pool; a second Save while one runs
is ignored; a refusal is shown in red beside its field.
"""
from __future__ import annotations

from msgspec import UNSET
from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...contract.api import ServiceApi
from ...contract.locations import CreateLocation, Location, LocationSaved, UpdateLocation
from ...domain.codes import CODE_MAX, LOCATION_TYPES, SCAN_CODE_MAX
from ...domain.errors import WmsError
from ...domain.fields import NAME_MAX
from ..errors.messages import error_text
from ..ops import QueryOp
from ..scanning import disable_input_method
from ..session import AppContext
from ..widgets.feedback import error_line, show_text


def location_type_names() -> dict[str, str]:
    """Location types in the user's language (shared with the Locations screen)."""
    return {
        "storage": QCoreApplication.translate("LocationsScreen", "Storage"),
        "receiving": QCoreApplication.translate("LocationsScreen", "Receiving"),
        "shipping": QCoreApplication.translate("LocationsScreen", "Shipping"),
        "damaged": QCoreApplication.translate("LocationsScreen", "Damaged goods"),
        "returns": QCoreApplication.translate("LocationsScreen", "Returns"),
        "unassigned": QCoreApplication.translate("LocationsScreen", "Unassigned"),
    }


class LocationEditor(QDialog):
    saved = Signal(object)  # LocationSaved: the location as the service returned it

    def __init__(self, context: AppContext, location: Location | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LocationEditor")
        self.context = context
        self.location = location
        self._saving = False
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("location_code")
        self.code_edit.setMaxLength(CODE_MAX)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("location_name")
        self.name_edit.setMaxLength(NAME_MAX)
        self.type_box = QComboBox()
        self.type_box.setObjectName("location_type")
        for kind in LOCATION_TYPES:
            self.type_box.addItem("", kind)
        self.active_box = QCheckBox()
        self.active_box.setObjectName("is_active")
        self.active_box.setChecked(True)
        self.scan_code_edit = QLineEdit()
        self.scan_code_edit.setObjectName("scan_code")
        self.scan_code_edit.setMaxLength(SCAN_CODE_MAX)
        disable_input_method(self.scan_code_edit)  # ASCII only: what a wedge scanner types
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, widget in (("location_code", self.code_edit), ("location_name", self.name_edit),
                             ("location_type", self.type_box), ("is_active", self.active_box),
                             ("scan_code", self.scan_code_edit)):
            self.labels[name] = QLabel()
            self.labels[name].setBuddy(widget)
            self.errors[name] = error_line(f"{name}_error")
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(self.errors[name])
            form.addRow(self.labels[name], column)
        self.general_error = error_line("error")
        self.save_button = QPushButton()
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)
        if location is None:
            disable_input_method(self.code_edit)  # codes are scanned from labels
            self.code_edit.setFocus()
        else:
            self.code_edit.setText(location.location_code)
            self.code_edit.setReadOnly(True)  # an identity printed on labels
            self.code_edit.setStyleSheet("QLineEdit { background: palette(window); }")
            self.name_edit.setText(location.location_name or "")
            self.type_box.setCurrentIndex(max(self.type_box.findData(location.location_type), 0))
            self.active_box.setChecked(location.is_active)
            self.scan_code_edit.setText(location.scan_code)
            self.name_edit.setFocus()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("New location") if self.location is None else self.tr("Edit location"))
        names = {"location_code": self.tr("Location &code"), "location_name": self.tr("&Name"),
                 "location_type": self.tr("&Type"), "is_active": self.tr("Status"),
                 "scan_code": self.tr("Scan co&de")}
        for name, label in self.labels.items():
            label.setText(names[name])
        self.code_edit.setPlaceholderText(self.tr("e.g. 西8排1架6层4位 or A-01-02"))
        self.name_edit.setPlaceholderText(self.tr("optional"))
        self.scan_code_edit.setPlaceholderText(self.tr("assigned: L and a number"))
        self.scan_code_edit.setToolTip(self.tr("ASCII letters, digits and signs a barcode scanner can type; "
                                               "printed as Code 128 on the location label"))
        self.active_box.setText(self.tr("&Active (can receive stock)"))
        types = location_type_names()
        for index in range(self.type_box.count()):
            self.type_box.setItemText(index, types[self.type_box.itemData(index)])
        self.save_button.setText(self.tr("&Save"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def command(self) -> CreateLocation | UpdateLocation:
        """Create: every field. Edit: what changed (an emptied name is cleared)."""
        name = self.name_edit.text().strip() or None
        kind, active = self.type_box.currentData(), self.active_box.isChecked()
        scan_code = self.scan_code_edit.text().strip() or None
        if self.location is None:
            return CreateLocation(location_code=self.code_edit.text().strip(), location_name=name, location_type=kind,
                                  is_active=active, scan_code=scan_code)
        old = self.location
        return UpdateLocation(location_id=old.location_id,
                              location_name=name if name != old.location_name else UNSET,
                              location_type=kind if kind != old.location_type else None,
                              is_active=active if active != old.is_active else None,
                              scan_code=scan_code if scan_code != old.scan_code else None)

    def save(self) -> None:
        if self._saving:
            return  # the second click of a double click
        for label in (*self.errors.values(), self.general_error):
            show_text(label, "")
        command = self.command()
        self._saving = True
        self.save_button.setEnabled(False)
        QueryOp(self.context, parent=self, op=lambda s: _save(s, command), success=self._saved, key="save") \
            .failure(self._refused).run_in_background()

    def _saved(self, location: LocationSaved) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.saved.emit(location)
        self.accept()

    def _refused(self, error: WmsError) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        field = str((error.details or {}).get("field") or "")
        if error.error_code == "LOCATION_CODE_EXISTS":
            field = "location_code"
        elif error.error_code == "SCAN_CODE_EXISTS":
            field = "scan_code"
        show_text(self.errors.get(field, self.general_error), error_text(error))
        if field in self.labels:
            self.labels[field].buddy().setFocus()

    def reject(self) -> None:
        if self._saving:
            return  # let the save finish: closing now would hide its outcome
        super().reject()

    @property
    def busy(self) -> bool:
        return self._saving


def _save(services: ServiceApi, command: CreateLocation | UpdateLocation) -> LocationSaved:
    if isinstance(command, CreateLocation):
        return services.locations.create(command)
    return services.locations.update(command)
