"""The main screens. For now each is a placeholder with its title and search box; the tables
(lazy models over ``services.browse``) and operation dialogs plug into the hooks below.

A screen is a ``Screen`` subclass registered in ``SCREENS``; the main window gives it the
``AppContext`` (services, session, op runner) and calls:

- ``activate()`` when it becomes the current screen (load or refresh lazily),
- ``refresh()`` on F5,
- ``focus_search()`` on Ctrl+F,
- ``search(text)`` when the search box is submitted (Enter) — run the query with ``QueryOp``
  keyed ``"search"`` so only the newest result is shown.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .session import AppContext


class Screen(QWidget):
    key = ""
    searched = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"screen_{self.key}")
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(320)
        self.search_box.returnPressed.connect(lambda: self.search(self.search_box.text().strip()))
        self.body = QLabel()
        self.body.setObjectName("placeholder")
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.setWordWrap(True)
        self.body.setStyleSheet("color: palette(mid); border: 1px dashed palette(mid); padding: 24px;")
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.search_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)
        self.retranslate_ui()

    # -- texts -----------------------------------------------------------------------------------
    def title(self) -> str:
        raise NotImplementedError

    def search_hint(self) -> str:
        raise NotImplementedError

    def placeholder_text(self) -> str:
        return self.tr("This screen is coming soon.")

    def retranslate_ui(self) -> None:
        self.heading.setText(self.title())
        self.search_box.setPlaceholderText(self.search_hint())
        self.body.setText(self.placeholder_text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- hooks -----------------------------------------------------------------------------------
    def activate(self) -> None:
        """Became the current screen."""

    def refresh(self) -> None:
        """F5: reload what is shown."""

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def search(self, text: str) -> None:
        self.searched.emit(text)


class ProductsScreen(Screen):
    key = "products"

    def title(self) -> str:
        return self.tr("Products")

    def search_hint(self) -> str:
        return self.tr("Product or SKU code, name or barcode")

    def placeholder_text(self) -> str:
        return self.tr("The product list will be shown here.")


class LocationsScreen(Screen):
    key = "locations"

    def title(self) -> str:
        return self.tr("Locations")

    def search_hint(self) -> str:
        return self.tr("Location code or name")

    def placeholder_text(self) -> str:
        return self.tr("The locations of this warehouse will be shown here.")


class StockScreen(Screen):
    key = "stock"

    def title(self) -> str:
        return self.tr("Stock")

    def search_hint(self) -> str:
        return self.tr("Location, product or SKU code")

    def placeholder_text(self) -> str:
        return self.tr("Stock by location and product will be shown here.")


class MovementsScreen(Screen):
    key = "movements"

    def title(self) -> str:
        return self.tr("Movements")

    def search_hint(self) -> str:
        return self.tr("Product, SKU or location code")

    def placeholder_text(self) -> str:
        return self.tr("The stock movement history will be shown here.")


SCREENS: tuple[type[Screen], ...] = (ProductsScreen, LocationsScreen, StockScreen, MovementsScreen)
