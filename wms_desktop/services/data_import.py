"""CSV import of products (with SKUs and external codes), locations, opening stock, ASNs and
outbound orders (docs/data.md).

One import is one transaction: rows are read, checked and written a chunk at a time (bounded
memory, whatever the file's size), each chunk's lookups in a few queries, new records inserted
in bulk, existing ones changed through the catalogue's and locations' own steps, opening stock
posted through the ledger (``inventory.batch_adjust``/``count``: the posting path of either
backend). A row that is refused is recorded (its number, code and details) and the rest are
still checked, so one pass reports every error; a dry run, a run with any refused row and a
cancelled run then roll the whole transaction back — nothing of the file stays.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any

import msgspec
from sqlalchemy import insert, select

from ..contract.base import Command
from ..contract.catalog import AddExternalCodes, UpdateProduct, UpdateSku
from ..contract.data import (
    ERRORS_LISTED,
    EXTERNAL_CODE_SEPARATOR,
    AsnCsvRow,
    Cancelled,
    ImportCsv,
    ImportProgress,
    ImportReport,
    LocationCsvRow,
    OnRowError,
    OrderCsvRow,
    ProductCsvRow,
    RowError,
    StockCsvRow,
)
from ..contract.decode import Payload, check, decode
from ..contract.fields import Code
from ..contract.locations import CreateLocation, UpdateLocation
from ..contract.orders import CreateOrder, OrderItem, UpdateOrder
from ..contract.receiving import AsnLineInput, CreateAsn, EditAsn
from ..contract.stock import AdjustmentLine, BatchAdjust, Count
from ..db.schema import documents, external_codes, locations, products, skus
from ..db.schema import stock_balances as bal
from ..domain.codes import (
    UNASSIGNED_LOCATION,
    check_product_code,
    check_sku_parts,
    is_assigned_scan_code,
    sku_code_for,
)
from ..domain.errors import WmsError, invalid
from ..domain.permissions import CORRECT_STOCK, EDIT_CATALOG, EDIT_LOCATIONS, PLAN_DOCUMENTS
from . import audit, catalog, inventory, lots, orders, receiving
from .access import requires
from .csv_files import CsvReader, check_file_name
from .lookup import Location, Sku
from .unit import Area, UnitOfWork
from .warehouse import create_location, update_location

CHUNK_ROWS = 500  # rows checked and written together (a batch adjustment takes up to 1000 lines)
ERRORS_IN_REFUSAL = 100  # row errors a refused real run names in its details
ANALYZE_ROWS = 10_000  # rows after which an import refreshes the planner's statistics, then at each doubling
# and at the end of a file of this many rows: a table never analyzed (1,000 locations) made the
# planner walk every balance per location in the stock export (0.7 s a block instead of 34 ms)
ANALYZE_AT_END_ROWS = 1_000
# the tables each import fills (PostgreSQL: wms_analyze, migration issue17e)
FILLED = {"products": ["products", "skus", "external_codes", "audit_log"], "locations": ["locations", "audit_log"],
          "stock": ["stock_balances", "stock_movements", "outbox_events", "lots", "product_stock_changes"]}



class Imports(Area):
    """CSV imports into the workstation's warehouse (stock, locations) and the shared catalogue."""

    @requires(EDIT_CATALOG)
    def products(self, command: ImportCsv | Payload, source: IO[bytes], progress: ImportProgress | None = None,
                 cancelled: Cancelled | None = None, on_error: OnRowError | None = None) -> ImportReport:
        """Products, one row per SKU (``contract.data.ProductCsvRow``)."""
        return self._run("products", command, source, progress, cancelled, on_error)

    @requires(EDIT_LOCATIONS)
    def locations(self, command: ImportCsv | Payload, source: IO[bytes], progress: ImportProgress | None = None,
                  cancelled: Cancelled | None = None, on_error: OnRowError | None = None) -> ImportReport:
        """Locations of this warehouse (``LocationCsvRow``); 无货位 always exists."""
        return self._run("locations", command, source, progress, cancelled, on_error)

    @requires(PLAN_DOCUMENTS)
    def asns(self, command: ImportCsv | Payload, source: IO[bytes], progress: ImportProgress | None = None,
             cancelled: Cancelled | None = None, on_error: OnRowError | None = None) -> ImportReport:
        """ASNs, one row per line (``AsnCsvRow``), each created (or, in update mode, a pending
        one edited) by the receiving service's own step; counts are per ASN."""
        return self._run("asns", command, source, progress, cancelled, on_error)

    @requires(CORRECT_STOCK)
    def stock(self, command: ImportCsv | Payload, source: IO[bytes], progress: ImportProgress | None = None,
              cancelled: Cancelled | None = None, on_error: OnRowError | None = None) -> ImportReport:
        """Opening stock (``StockCsvRow``), posted through the ledger as adjustments; ``update``
        counts a balance that holds stock to the row's quantity."""
        return self._run("stock", command, source, progress, cancelled, on_error)

    @requires(PLAN_DOCUMENTS)
    def orders(self, command: ImportCsv | Payload, source: IO[bytes], progress: ImportProgress | None = None,
               cancelled: Cancelled | None = None, on_error: OnRowError | None = None) -> ImportReport:
        """Outbound orders, one row per line (``OrderCsvRow``), each created as ``orders.create``
        creates it; ``update`` replaces a pending order's header and lines, ``skip`` leaves an
        existing order as it is."""
        return self._run("orders", command, source, progress, cancelled, on_error)

    def _run(self, kind: str, command: ImportCsv | Payload, source: IO[bytes], progress: ImportProgress | None,
             cancelled: Cancelled | None, on_error: OnRowError | None) -> ImportReport:
        cmd = self._scope.signed(decode(ImportCsv, command))
        check_file_name(cmd.file_name)

        def work(uow: UnitOfWork) -> ImportReport:
            report = run_import(uow, kind, cmd, source, progress, cancelled, on_error)
            if report.dry_run:
                raise _RolledBack(report)
            return report

        try:
            return self._scope.write(work)
        except _RolledBack as done:
            return done.report


class _RolledBack(Exception):
    """Leaves the unit of work so it rolls back, carrying the dry run's report."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("dry run")
        self.report = report


@dataclass
class Run:
    """One import in progress: what it was asked, what it has counted, what it has seen."""

    uow: UnitOfWork
    kind: str
    cmd: ImportCsv
    on_error: OnRowError | None
    created: int = 0
    updated: int = 0
    skipped: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    first_error: WmsError | None = None
    seen: set[str] = field(default_factory=set)  # products (or locations, orders) this run created or handled
    seen_skus: set[str] = field(default_factory=set)
    asn: list[tuple[int, AsnCsvRow]] = field(default_factory=list)  # the rows of the ASN being read
    held: list[tuple[int, Any]] = field(default_factory=list)  # an order's rows that may go on in the next chunk

    @property
    def mode(self) -> str:
        return self.cmd.mode

    pending: list[tuple[int, WmsError]] = field(default_factory=list)  # this chunk's, reported in row order

    def refuse(self, number: int, error: WmsError) -> None:
        error.details["row"] = number
        self.pending.append((number, error))

    def flush(self) -> None:
        """Report the chunk's refused rows in the order of the file."""
        for number, error in sorted(self.pending, key=lambda refused: refused[0]):
            row_error = RowError(row=number, error_code=error.error_code, code=error.code,
                                 error_message=error.message, details=dict(error.details))
            self.error_count += 1
            if self.first_error is None:
                self.first_error = error
            if len(self.errors) < ERRORS_LISTED:
                self.errors.append(row_error)
            if self.on_error is not None:
                self.on_error(row_error)
        self.pending.clear()


def run_import(uow: UnitOfWork, kind: str, cmd: ImportCsv, source: IO[bytes], progress: ImportProgress | None = None,
               cancelled: Cancelled | None = None, on_error: OnRowError | None = None) -> ImportReport:
    """The import inside ``uow``: a report, or the first row error (with ``error_count`` and
    the first errors in its details) when a real run refused any row."""
    size = source.seek(0, os.SEEK_END)
    reader = CsvReader(source, kind)
    run = Run(uow, kind, cmd, on_error)
    apply = APPLY[kind]
    rows = 0
    analyzed_at = ANALYZE_ROWS  # the next analysis's row count
    analyzed = 0  # rows at the last analysis
    try:
        parsed = iter(reader)
        while chunk := list(islice(parsed, CHUNK_ROWS)):
            if cancelled is not None and cancelled():
                raise WmsError("OPERATION_CANCELLED", details={"rows": rows})
            good: list[tuple[int, Any]] = []
            for row in chunk:
                if row.error is not None:
                    run.refuse(row.number, row.error)
                else:
                    good.append((row.number, row.row))
            apply(run, good)
            run.flush()
            rows += len(chunk)
            if rows >= analyzed_at:
                _analyze(uow, kind)
                analyzed, analyzed_at = rows, analyzed_at * 2
            if progress is not None:
                progress(rows, reader.position(), size)
        if kind == "asns":
            _finish_asn(run)  # the file's last ASN
        if run.held:  # the file's last order
            _create_orders(run, run.held)
        run.flush()
    finally:
        reader.close()
    if run.first_error is not None and not cmd.dry_run:
        error = run.first_error
        error.details.update(error_count=run.error_count,
                             errors=[msgspec.to_builtins(e) for e in run.errors[:ERRORS_IN_REFUSAL]])
        raise error
    if rows >= ANALYZE_AT_END_ROWS and not cmd.dry_run and analyzed != rows:  # unless the last chunk's did
        _analyze(uow, kind)
    return ImportReport(kind=kind, mode=cmd.mode, dry_run=cmd.dry_run, encoding=reader.encoding, rows=rows,
                        created=run.created, updated=run.updated, skipped=run.skipped,
                        error_count=run.error_count, errors=run.errors, committed=not cmd.dry_run)


def _analyze(uow: UnitOfWork, kind: str) -> None:
    """Fresh planner statistics of the tables the import is filling, as it fills them: a table
    the planner still thinks small is scanned whole by the next chunk's lookups (time growing
    with the square of the file's length), and autovacuum may be off or late after the commit.
    In the import's transaction: its own new rows count, and a rollback forgets them."""
    if kind in FILLED and uow.conn.dialect.name == "postgresql":
        uow.conn.exec_driver_sql("SELECT wms_analyze(%s)", (FILLED[kind],))


def _exists_error(run: Run, error_code: str, **details: Any) -> WmsError:
    return WmsError(error_code, details={**details, "mode": run.mode})


# ---- locations ---------------------------------------------------------------------------------------


def _locations(run: Run, rows: list[tuple[int, Command]]) -> None:
    uow = run.uow
    codes = [r.location_code for _, r in _typed(rows, LocationCsvRow)]
    existing = set(uow.conn.scalars(select(locations.c.location_code).where(
        locations.c.warehouse_id == uow.warehouse_id, locations.c.location_code.in_(codes))))
    for number, r in _typed(rows, LocationCsvRow):
        try:
            if r.location_code in run.seen:
                raise invalid("location_code", "is named by an earlier row", location_code=r.location_code)
            if r.location_code in existing or r.location_code == UNASSIGNED_LOCATION:
                if run.mode == "fail":
                    raise _exists_error(run, "LOCATION_CODE_EXISTS", location_code=r.location_code)
                if run.mode == "skip":
                    run.skipped += 1
                else:
                    given = {k: getattr(r, k) for k in ("location_name", "location_type", "is_active")
                             if getattr(r, k) is not None}
                    update_location(uow, UpdateLocation(location_code=r.location_code, **given,
                                                        scan_code=_chosen(r.scan_code)))
                    run.updated += 1
            else:
                create_location(uow, CreateLocation(location_code=r.location_code, location_name=r.location_name,
                                                    location_type=r.location_type, is_active=r.is_active,
                                                    scan_code=_chosen(r.scan_code)))
                run.created += 1
            run.seen.add(r.location_code)
        except WmsError as error:
            run.refuse(number, error)


def _chosen(scan_code: str | None) -> str | None:
    """A scan code cell someone chose; an assigned one (``L``/``S`` + digits, as exported)
    belongs to the row's id where it was assigned: a new row gets its own."""
    return None if scan_code is None or is_assigned_scan_code(scan_code) else scan_code


# ---- products, SKUs, external codes ---------------------------------------------------------------


@dataclass
class _NewSku:
    product_code: str
    sku_code: str
    sku_color: str | None
    sku_size: str | None
    weight_grams: int | None
    scan_code: str | None


def _products(run: Run, rows: list[tuple[int, Command]]) -> None:
    """Checks every row against the database and the rows before it; stages new products,
    SKUs and external codes for bulk inserts; changes existing ones (update mode) through the
    catalogue's steps at once."""
    uow, conn = run.uow, run.uow.conn
    checked = []
    for number, r in _typed(rows, ProductCsvRow):
        try:
            checked.append((number, r, _sku_code(r), _barcodes(r.external_codes)))
        except WmsError as error:
            run.refuse(number, error)
    product_codes = {r.product_code for _, r, _, _ in checked}
    sku_codes = {code for _, _, code, _ in checked}
    barcodes = {c for *_, codes in checked for c in codes}
    live_products = {row.product_code: row for row in conn.execute(
        select(products.c.product_id, products.c.product_code, products.c.has_sku)
        .where(~products.c.is_deleted, products.c.product_code.in_(product_codes)))}
    live_skus = {row.sku_code: row.sku_id for row in conn.execute(
        select(skus.c.sku_id, skus.c.sku_code).where(~skus.c.is_deleted, skus.c.sku_code.in_(sku_codes)))}
    scan_codes = {c for _, r, _, _ in checked if (c := _chosen(r.scan_code)) is not None}
    scan_taken = {row.scan_code: row.sku_code for row in conn.execute(
        select(skus.c.scan_code, skus.c.sku_code).where(~skus.c.is_deleted, skus.c.scan_code.in_(scan_codes)))}
    taken = {row.external_code: row.sku_code for row in conn.execute(
        select(external_codes.c.external_code, skus.c.sku_code).join(skus, skus.c.sku_id == external_codes.c.sku_id)
        .where(external_codes.c.external_code.in_(barcodes)))}

    new_products: dict[str, dict[str, Any]] = {}
    new_skus: list[_NewSku] = []
    new_barcodes: list[tuple[str, str]] = []  # (sku_code, external_code)
    for number, r, sku_code, codes in checked:
        try:
            has_sku = r.sku_color is not None
            live = live_products.get(r.product_code)
            staged = new_products.get(r.product_code)
            product_has_sku = live.has_sku if live is not None else staged["has_sku"] if staged else has_sku
            if product_has_sku != has_sku:
                raise invalid("sku_color", "is required for a product with SKUs" if product_has_sku else
                              "must be empty: the product has no SKUs", product_code=r.product_code)
            if sku_code in run.seen_skus:
                raise invalid("sku_code", "is named by an earlier row", sku_code=sku_code)
            owners = {c: taken.get(c) for c in codes}
            clash = next((c for c, owner in owners.items() if owner not in (None, sku_code)), None)
            if clash is not None:
                raise WmsError("EXTERNAL_CODE_EXISTS", details={"external_code": clash, "sku_code": owners[clash]})
            missing_codes = [c for c, owner in owners.items() if owner is None]
            scan_code = _chosen(r.scan_code)
            if scan_code is not None and scan_taken.get(scan_code, sku_code) != sku_code:
                raise WmsError("SCAN_CODE_EXISTS", details={"scan_code": scan_code, "sku_code": scan_taken[scan_code]})
            changed = False
            if live is not None and r.product_code not in run.seen:  # a product from before this import
                if run.mode == "fail":
                    raise _exists_error(run, "PRODUCT_CODE_EXISTS", product_code=r.product_code)
                if run.mode == "update":
                    catalog.update_product(uow, UpdateProduct(
                        product_id=live.product_id, product_name=r.product_name, unit=r.unit,
                        low_stock_threshold=r.low_stock_threshold, high_stock_threshold=r.high_stock_threshold,
                        **({"category_id": r.category_id} if r.category_id is not None else {}),
                        operator_id=run.cmd.operator_id))
                    changed = True
            if sku_code in live_skus:
                if run.mode == "fail":
                    raise _exists_error(run, "SKU_CODE_EXISTS", sku_code=sku_code)
                if run.mode == "update":
                    if r.weight_grams is not None or scan_code is not None:
                        catalog.update_sku(uow, UpdateSku(
                            sku_code=sku_code, operator_id=run.cmd.operator_id,
                            weight_grams=msgspec.UNSET if r.weight_grams is None else r.weight_grams,
                            scan_code=msgspec.UNSET if scan_code is None else scan_code))
                    if missing_codes:
                        catalog.add_external_codes(uow, AddExternalCodes(sku_code=sku_code,
                                                                         external_codes=missing_codes))
                    changed = True
                if changed:
                    run.updated += 1
                else:
                    run.skipped += 1
            else:
                if live is None and staged is None:
                    new_products[r.product_code] = {
                        "product_code": r.product_code, "product_name": r.product_name, "has_sku": has_sku,
                        **{k: getattr(r, k) for k in ("unit", "category_id", "low_stock_threshold",
                                                      "high_stock_threshold") if getattr(r, k) is not None}}
                new_skus.append(_NewSku(r.product_code, sku_code, r.sku_color, r.sku_size, r.weight_grams, scan_code))
                new_barcodes.extend((sku_code, c) for c in missing_codes)
                run.created += 1
            for c in missing_codes:
                taken[c] = sku_code
            if scan_code is not None:
                scan_taken[scan_code] = sku_code
            run.seen.add(r.product_code)
            run.seen_skus.add(sku_code)
        except WmsError as error:
            run.refuse(number, error)
    _insert_catalogue(run, live_products, live_skus, new_products, new_skus, new_barcodes)


def _insert_catalogue(run: Run, live_products: dict[str, Any], live_skus: dict[str, int],
                      new_products: dict[str, dict[str, Any]], new_skus: list[_NewSku],
                      new_barcodes: list[tuple[str, str]]) -> None:
    conn = run.uow.conn
    product_ids = {code: row.product_id for code, row in live_products.items()}
    if new_products:
        stamp = run.uow.now()
        staged = [{"unit": "件", "category_id": None, "low_stock_threshold": -1, "high_stock_threshold": -1,
                   **values, "created_at": stamp, "updated_at": stamp} for values in new_products.values()]
        for product_id, code in conn.execute(
                insert(products).returning(products.c.product_id, products.c.product_code,
                                           sort_by_parameter_order=True), staged):
            product_ids[code] = product_id
    sku_ids = dict(live_skus)
    scan_codes: dict[str, str] = {}  # the new SKUs', as the database gave them
    if new_skus:
        staged = [{"product_id": product_ids[s.product_code], "sku_code": s.sku_code, "sku_color": s.sku_color,
                   "sku_size": s.sku_size, "weight_grams": s.weight_grams, "scan_code": s.scan_code} for s in new_skus]
        for sku_id, code, scan_code in conn.execute(insert(skus).returning(
                skus.c.sku_id, skus.c.sku_code, skus.c.scan_code, sort_by_parameter_order=True), staged):
            sku_ids[code] = sku_id
            scan_codes[code] = scan_code
        # SQLite's trigger assigns the code after the insert, so RETURNING has not seen it
        unseen = {sku_ids[code]: code for code, scan_code in scan_codes.items() if scan_code is None}
        if unseen:
            for sku_id, scan_code in conn.execute(select(skus.c.sku_id, skus.c.scan_code)
                                                  .where(skus.c.sku_id.in_(unseen))):
                scan_codes[unseen[sku_id]] = scan_code
    if new_barcodes:
        conn.execute(insert(external_codes), [{"sku_id": sku_ids[s], "external_code": c} for s, c in new_barcodes])
    _audit_catalogue(run, product_ids, scan_codes, new_products, new_skus, new_barcodes)


def _audit_catalogue(run: Run, product_ids: dict[str, int], scan_codes: dict[str, str],
                     new_products: dict[str, dict[str, Any]], new_skus: list[_NewSku],
                     new_barcodes: list[tuple[str, str]]) -> None:
    """The audit records of what the bulk insert created (as catalog.audit_state shows a product),
    built from the rows in hand and the scan codes the database gave the new SKUs: a new product
    whole, a known product's new SKUs."""
    barcodes: dict[str, list[str]] = {}
    for sku_code, code in new_barcodes:
        barcodes.setdefault(sku_code, []).append(code)
    added: dict[str, dict[str, Any]] = {}
    for s in new_skus:
        added.setdefault(s.product_code, {})[s.sku_code] = {
            "sku_color": s.sku_color, "sku_size": s.sku_size, "image_path": None, "weight_grams": s.weight_grams,
            "scan_code": scan_codes[s.sku_code], "external_codes": sorted(barcodes.get(s.sku_code, []))}
    changes = []
    for code, product_skus in added.items():
        subject = f"product:{product_ids[code]}"
        if code in new_products:
            state = {"unit": "件", "category_id": None, "image_path": None, "low_stock_threshold": -1,
                     "high_stock_threshold": -1, "is_deleted": False, **new_products[code], "skus": product_skus}
            changes.append(audit.Change(subject, "product", code, "create", None, state))
        else:
            changes.append(audit.Change(subject, "product", code, "create_sku", {"skus": {}}, {"skus": product_skus}))
    audit.record_many(run.uow, changes, run.cmd.operator_id)


def _sku_code(r: ProductCsvRow) -> str:
    """The row's SKU code: {product_code}-{colour}-{size}, or the product code for a product
    without SKUs; a ``sku_code`` cell must say the same."""
    check_product_code(r.product_code)
    if (r.sku_color is None) != (r.sku_size is None):
        missing = "sku_size" if r.sku_size is None else "sku_color"
        raise invalid(missing, "is required with " + ("sku_color" if missing == "sku_size" else "sku_size"))
    code = r.product_code
    if r.sku_color is not None and r.sku_size is not None:
        check_sku_parts(r.sku_color, r.sku_size)
        code = sku_code_for(r.product_code, r.sku_color, r.sku_size)
    if r.sku_code is not None and r.sku_code != code:
        raise invalid("sku_code", f"must be {code} (product code, colour and size)", expected=code)
    catalog.check_thresholds(r.low_stock_threshold, r.high_stock_threshold)
    return code


def _barcodes(cell: str | None) -> list[str]:
    if cell is None:
        return []
    codes = [check(Code, "external_codes", c) for c in cell.split(EXTERNAL_CODE_SEPARATOR)]
    if len(set(codes)) != len(codes):
        raise invalid("external_codes", "lists the same external code twice")
    return codes


# ---- opening stock ---------------------------------------------------------------------------------


def _stock(run: Run, rows: list[tuple[int, Command]]) -> None:
    """New balances are one batch adjustment per chunk; a balance that holds stock is counted
    (update), skipped or refused (fail)."""
    uow, conn = run.uow, run.uow.conn
    typed = list(_typed(rows, StockCsvRow))
    found_skus = {row.sku_code: Sku(*row) for row in conn.execute(
        select(skus.c.sku_id, skus.c.sku_code, skus.c.product_id, products.c.product_code)
        .join(products, products.c.product_id == skus.c.product_id)
        .where(~skus.c.is_deleted, skus.c.sku_code.in_({r.sku_code for _, r in typed})))}
    places = {row.location_code: Location(*row) for row in conn.execute(
        select(locations.c.location_id, locations.c.location_code, locations.c.location_type, locations.c.is_active,
               locations.c.warehouse_id)
        .where(locations.c.warehouse_id == uow.warehouse_id,
               locations.c.location_code.in_({r.location_code for _, r in typed})))}
    keys = {(found_skus[r.sku_code].sku_id, places[r.location_code].location_id, r.batch_number or "")
            for _, r in typed if r.sku_code in found_skus and r.location_code in places}
    # the chunk's SKUs' balances, kept when their key is the chunk's: an IN of (sku, location,
    # batch) tuples is not an index range (0.3 s a chunk at 1M balances), an IN of SKU ids is
    balances = {key: row for row in conn.execute(
        select(bal.c.sku_id, bal.c.location_id, bal.c.batch_number, bal.c.stock_quantity, bal.c.locked_quantity)
        .where(bal.c.sku_id.in_({sku for sku, _, _ in keys})))
        if (key := (row.sku_id, row.location_id, row.batch_number)) in keys} if keys else {}
    lines: list[AdjustmentLine] = []
    counts: list[Count] = []
    seen: set[tuple[int, int, str]] = set()
    for number, r in typed:
        try:
            sku = found_skus.get(r.sku_code)
            if sku is None:
                raise WmsError("SKU_NOT_FOUND", details={"sku_code": r.sku_code})
            place = places.get(r.location_code)
            if place is None:
                raise WmsError("LOCATION_NOT_FOUND", details={"location_code": r.location_code})
            batch = r.batch_number or ""
            key = (sku.sku_id, place.location_id, batch)
            if key in seen:
                raise invalid("row", "names the balance of an earlier row", sku_code=r.sku_code,
                              location_code=r.location_code, batch_number=r.batch_number)
            current = balances.get(key)
            held, locked = (current.stock_quantity, current.locked_quantity) if current is not None else (0, 0)
            if held > 0 and run.mode == "fail":
                raise WmsError("OPERATION_NOT_ALLOWED", "This balance already holds stock", {
                    "sku_code": r.sku_code, "location_code": r.location_code, "batch_number": r.batch_number,
                    "stock_quantity": held, "reason": "balance_has_stock", "mode": run.mode})
            if held > 0 and run.mode == "update" and r.stock_quantity < locked:
                raise WmsError("INSUFFICIENT_STOCK", details={
                    "sku_code": r.sku_code, "location_code": r.location_code, "batch_number": r.batch_number,
                    "counted_quantity": r.stock_quantity, "locked_quantity": locked})
            grows = r.stock_quantity > held and (held == 0 or run.mode == "update")
            if grows and not place.is_active:
                raise WmsError("OPERATION_NOT_ALLOWED", "An inactive location can be emptied but not filled",
                               {"location_code": place.location_code, "reason": "location_inactive"})
            if r.expiry_date is not None:
                lots.record(conn, sku, batch, r.expiry_date)
            seen.add(key)
            if held == 0 and r.stock_quantity > 0:
                lines.append(AdjustmentLine(location_code=r.location_code, sku_code=r.sku_code,
                                            stock_quantity=r.stock_quantity, batch_number=r.batch_number))
                run.created += 1
            elif held > 0 and run.mode == "update" and r.stock_quantity != held:
                counts.append(Count(product_code=sku.product_code, sku_code=r.sku_code,
                                    location_code=r.location_code, stock_quantity=r.stock_quantity,
                                    batch_number=r.batch_number, operator_id=run.cmd.operator_id,
                                    notes=_notes(run)))
                run.updated += 1
            else:
                run.skipped += 1
        except WmsError as error:
            run.refuse(number, error)
    if lines:
        inventory.batch_adjust(uow, BatchAdjust(adjustments=lines, operator_id=run.cmd.operator_id,
                                                notes=_notes(run), document_ref=run.cmd.document_ref))
    for count in counts:
        inventory.count(uow, count)


# ---- ASNs ------------------------------------------------------------------------------------------


def _asns(run: Run, rows: list[tuple[int, Command]]) -> None:
    """Rows are gathered per ASN (its rows are together); each ASN is written when the next
    one starts, or at the end of the file."""
    for number, r in _typed(rows, AsnCsvRow):
        if run.asn and run.asn[0][1].asn_number != r.asn_number:
            _finish_asn(run)
        if not run.asn and r.asn_number in run.seen:
            run.refuse(number, invalid("asn_number", "the rows of one ASN must be together",
                                       asn_number=r.asn_number))
            continue
        run.asn.append((number, r))


def _finish_asn(run: Run) -> None:
    if not run.asn:
        return
    staged, run.asn = run.asn, []
    first = staged[0][1]
    run.seen.add(first.asn_number)
    fields: dict[str, Any] = {
        "supplier_code": first.supplier_code, "supplier_name": first.supplier_name,
        "expected_arrival": first.expected_arrival, "document_ref": first.document_ref,
        "is_blind": bool(first.is_blind), "operator_id": run.cmd.operator_id,
        "lines": [AsnLineInput(sku_code=r.sku_code, expected_quantity=r.expected_quantity,
                               batch_number=r.batch_number, expiry_date=r.expiry_date) for _, r in staged]}
    uow = run.uow
    try:
        exists_already = uow.conn.scalar(select(documents.c.document_id).where(
            documents.c.warehouse_id == uow.warehouse_id, documents.c.document_number == first.asn_number))
        if exists_already is None:
            receiving.create(uow, decode(CreateAsn, CreateAsn(asn_number=first.asn_number, **fields)))
            run.created += 1
        elif run.mode == "fail":
            raise _exists_error(run, "DOCUMENT_NUMBER_EXISTS", document_type="asn", document_number=first.asn_number)
        elif run.mode == "skip":
            run.skipped += 1
        else:
            receiving.edit(uow, decode(EditAsn, EditAsn(asn_number=first.asn_number, **fields)))
            run.updated += 1
    except WmsError as error:
        index = error.details.get("line_index", 0)
        run.refuse(staged[index if isinstance(index, int) and 0 <= index < len(staged) else 0][0], error)


def _notes(run: Run) -> str:
    return f"opening stock: {run.cmd.file_name}" if run.cmd.file_name else "opening stock"


def _typed(rows: list[tuple[int, Command]], row_type: type[Any]) -> list[tuple[int, Any]]:
    assert all(isinstance(r, row_type) for _, r in rows)
    return rows


# ---- outbound orders -----------------------------------------------------------------------------


def _orders(run: Run, rows: list[tuple[int, Command]]) -> None:
    """Every order whose rows are complete (the chunk's last one may go on in the next)."""
    held = run.held + list(_typed(rows, OrderCsvRow))
    cut = len(held)
    while cut > 0 and held[cut - 1][1].order_number == held[-1][1].order_number:
        cut -= 1
    run.held = held[cut:]
    _create_orders(run, held[:cut])


def _create_orders(run: Run, rows: list[tuple[int, OrderCsvRow]]) -> None:
    groups: dict[str, list[tuple[int, OrderCsvRow]]] = {}
    for number, r in rows:
        groups.setdefault(r.order_number, []).append((number, r))
    for order_number, lines in groups.items():
        first_row, head = lines[0]
        try:
            if order_number in run.seen:
                raise invalid("order_number", "has rows apart from each other: keep an order's rows together",
                              order_number=order_number)
            run.seen.add(order_number)
            items = [OrderItem(sku_code=r.sku_code, stock_quantity=r.stock_quantity, batch_number=r.batch_number)
                     for _, r in lines]
            header = {name: getattr(head, name) for name in ("customer_name", "recipient_name", "address", "carrier",
                                                              "expected_ship_date", "is_urgent", "notes")}
            exists = run.uow.conn.scalar(select(documents.c.document_id).where(
                documents.c.warehouse_id == run.uow.warehouse_id, documents.c.document_number == order_number))
            if exists is None:
                orders.create(run.uow, CreateOrder(order_number=order_number, lines=items,
                                                   operator_id=run.cmd.operator_id, **header))
                run.created += 1
            elif run.mode == "skip":
                run.skipped += 1
            elif run.mode == "update":
                orders.update_order(run.uow, UpdateOrder(order_number=order_number, lines=items,
                                                         operator_id=run.cmd.operator_id, **header))
                run.updated += 1
            else:
                raise _exists_error(run, "DOCUMENT_NUMBER_EXISTS", document_type="order", document_number=order_number)
        except WmsError as error:
            run.refuse(first_row, error)


APPLY: dict[str, Callable[[Run, list[tuple[int, Command]]], None]] = {
    "products": _products, "locations": _locations, "stock": _stock, "asns": _asns, "orders": _orders}
