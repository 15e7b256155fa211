"""Locations of the current warehouse; `无货位` is shown and protected. New, edit and delete
through the location editor; after a save the small list is updated in place (no reload)."""
from __future__ import annotations

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QTableView, QWidget

from ...contract.audit import AuditSubject
from ...contract.locations import ListLocations, Location, LocationDeleted, LocationRef, LocationSaved
from ...devices.scanner import Scan
from ...domain.codes import UNASSIGNED_LOCATION
from ...domain.permissions import EDIT_LOCATIONS
from ..dialogs.location_editor import LocationEditor, location_type_names
from ..ops import QueryOp
from ..widgets.tables import setup_table
from .base import Screen, scan_code
from .edit_actions import EditActions, confirm_delete


class _LocationFilter(QSortFilterProxyModel):
    """Small list, loaded whole: filtering on the client is fine here (GUIDE §3)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.exact = False

    def set_text(self, text: str, exact: bool = False) -> None:
        if hasattr(self, "endFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            self.text, self.exact = text.casefold(), exact
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.text, self.exact = text.casefold(), exact
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:
        if not self.text:
            return True
        model = self.sourceModel()
        code = (model.index(row, 0, parent).data() or "").casefold()
        if self.exact:
            return code == self.text
        name = (model.index(row, 1, parent).data() or "").casefold()
        return self.text in code or self.text in name


class LocationsScreen(Screen):
    key = "locations"
    needs = ("locations",)

    def title(self) -> str:
        return self.tr("Locations")

    def search_hint(self) -> str:
        return self.tr("Location code or name")

    def build(self) -> None:
        self.source = QStandardItemModel(0, 5, self)
        self.proxy = _LocationFilter(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setObjectName("table")
        setup_table(self.table)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.layout_.addWidget(self.table, 1)
        self.locations: list[Location] = []
        self.scanned: str | None = None  # a scanned code, selected once the list is there
        self.search_box.textChanged.connect(self._typed)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_print_button()
        self.add_history_button()
        self.editor: LocationEditor | None = None
        self.confirm_box: QMessageBox | None = None
        self.edit_actions = EditActions(self, self.table, EDIT_LOCATIONS, self.new_location, self.edit_location,
                                        self.delete_location)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.edit_actions.set_row_editable(self._editable(self.current_location())))

    label_kind = "location"

    def label_codes(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows(0) or (
            [self.table.currentIndex().siblingAtColumn(0)] if self.table.currentIndex().isValid() else [])
        return [index.data() for index in sorted(rows, key=lambda i: i.row())]

    def main_view(self) -> QWidget | None:
        return self.table

    def load(self) -> None:
        QueryOp(self.context, parent=self, op=lambda s: s.locations.list(ListLocations()), success=self.show_locations,
                key="list").run_in_background()

    def refresh(self) -> None:
        self._activated = True
        if self.can_load():
            self.load()

    def show_locations(self, rows: list[Location], select: str | None = None) -> None:
        self.locations = rows
        current = select or self.scanned or self.table.currentIndex().siblingAtColumn(0).data()
        self.source.removeRows(0, self.source.rowCount())
        types = location_type_names()
        grey = QBrush(QColor(140, 140, 140))
        for loc in rows:
            protected = loc.location_code == UNASSIGNED_LOCATION or loc.location_type == "unassigned"
            items = [QStandardItem(loc.location_code), QStandardItem(loc.location_name or ""),
                     QStandardItem(types.get(loc.location_type, loc.location_type)),
                     QStandardItem(self.tr("Active") if loc.is_active else self.tr("Inactive")),
                     QStandardItem(self.tr("Protected: cannot be changed or deleted") if protected else "")]
            for item in items:
                item.setEditable(False)
                if not loc.is_active:
                    item.setForeground(grey)
            if protected:
                font = QFont(items[0].font())
                font.setBold(True)
                items[0].setFont(font)
                items[4].setForeground(QBrush(QColor(170, 90, 0)))
            items[0].setData(loc, Qt.ItemDataRole.UserRole)
            self.source.appendRow(items)
        self._retitle()
        self._filter(self.search_box.text().strip(), select=current)

    def _typed(self, text: str) -> None:
        self.scanned = None
        self._filter(text.strip())

    def _filter(self, text: str, exact: bool = False, select: str | None = None) -> None:
        self.proxy.set_text(text, exact)
        self.info.setText(self.tr("%1 of %2 locations").replace("%1", str(self.proxy.rowCount()))
                          .replace("%2", str(self.source.rowCount())))
        target = select or (text if exact else None)
        if target:
            for row in range(self.proxy.rowCount()):
                if self.proxy.index(row, 0).data() == target:
                    self.table.setCurrentIndex(self.proxy.index(row, 0))
                    break

    def history_subject(self) -> tuple[AuditSubject, int, str] | None:
        location = self.current_location()
        return ("location", location.location_id, location.location_code) if location is not None else None

    # -- new / edit / delete ---------------------------------------------------------------------
    def current_location(self) -> Location | None:
        index = self.table.currentIndex()
        return index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole) if index.isValid() else None

    @staticmethod
    def _editable(location: Location | None) -> bool:
        """无货位 is shown but never edited or deleted (the service refuses too)."""
        return location is not None and location.location_type != "unassigned"

    def new_location(self) -> LocationEditor:
        return self._open_editor(None)

    def edit_location(self) -> LocationEditor | None:
        location = self.current_location()
        return self._open_editor(location) if self._editable(location) else None

    def _open_editor(self, location: Location | None) -> LocationEditor:
        self.editor = LocationEditor(self.context, location, parent=self)
        self.editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor.saved.connect(self._location_saved)
        self.editor.open()
        return self.editor

    def _location_saved(self, location: LocationSaved) -> None:
        rows = [r for r in self.locations if r.location_id != location.location_id] + [location]
        self.show_locations(sorted(rows, key=lambda r: r.location_code), select=location.location_code)
        self.edited(location.changes)

    def delete_location(self) -> None:
        location = self.current_location()
        if location is None or not self._editable(location):
            return
        text = self.tr("Delete location %1?\nOnly a location that never held stock can be deleted; "
                       "otherwise deactivate it.").replace("%1", location.location_code)
        self.confirm_box = confirm_delete(self, text, lambda: self._delete(location))

    def _delete(self, location: Location) -> None:
        command = LocationRef(location_id=location.location_id)
        QueryOp(self.context, parent=self, op=lambda s: s.locations.delete(command), success=self._deleted,
                key="delete").run_in_background()

    def _deleted(self, deleted: LocationDeleted) -> None:
        self.show_locations([r for r in self.locations if r.location_id != deleted.location_id])
        self.edited(deleted.changes)

    def run_search(self, text: str) -> None:
        if not self.locations:
            self.load()
        self._filter(text)

    def handle_scan(self, scan: Scan) -> bool:
        kind, code = scan_code(scan)
        if kind != "location" or not code:
            return False
        self._activated = True
        self.search_box.blockSignals(True)
        self.search_box.setText(code)
        self.search_box.blockSignals(False)
        self.scanned = code  # a scan while the list still loads: selected when it arrives
        if not self.locations:
            self.load()
        self._filter(code, exact=True)
        return True

    def _retitle(self) -> None:
        self.source.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name"), self.tr("Type"), self.tr("Status"),
                                               self.tr("Notes")])

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "edit_actions"):
            self.edit_actions.retranslate_ui()
        if hasattr(self, "source"):
            self._retitle()
            if self.locations:
                self.show_locations(self.locations)
