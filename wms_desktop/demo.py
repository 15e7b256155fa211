"""Demo data: a small, realistic warehouse (``seed_demo``) and a bulk data set for scale and
benchmark runs (``load_scale``).

``seed_demo`` goes through the service layer, so every row is validated and the ledger is what
real receiving would have written. ``load_scale`` writes the tables directly (COPY on
PostgreSQL) for speed, but keeps the invariant the services keep: every balance has one
inbound ledger row, so the ledger sums to every balance.

Products are shared by all warehouses, so both look at the whole catalogue: demo data is
only ever added to an empty one, never mixed with real data.
"""
from __future__ import annotations

import itertools
import random
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Sequence

from sqlalchemy import Connection, Table, insert, select

from .db import schema
from .db.engine import Database, now
from .domain import fields as f
from .domain.codes import UNASSIGNED_LOCATION, sku_code_for
from .domain.errors import WmsError
from .services import Services, ensure_warehouse
from .services.lookup import warehouse_id

Progress = Callable[[str, int, int], None]

OPERATOR = "demo"
COLOURS = ("黑色", "白色", "红色", "黄色", "藏青")
SIZES = ("S", "M", "L", "XL")

# (category_id, Chinese name, English name); one product_name holds both, as the labels print it
APPAREL = (
    ("TOPS", "纯棉圆领T恤", "Cotton Crew-neck T-shirt"),
    ("TOPS", "宽松连帽卫衣", "Oversized Hoodie"),
    ("TOPS", "条纹长袖衫", "Striped Long-sleeve Top"),
    ("TOPS", "亚麻衬衫", "Linen Shirt"),
    ("TOPS", "针织开衫", "Knit Cardigan"),
    ("TOPS", "运动背心", "Sports Tank Top"),
    ("TOPS", "法兰绒格子衬衫", "Flannel Check Shirt"),
    ("TOPS", "珠地POLO衫", "Piqué Polo Shirt"),
    ("BOTTOMS", "直筒牛仔裤", "Straight-leg Jeans"),
    ("BOTTOMS", "休闲工装裤", "Cargo Trousers"),
    ("BOTTOMS", "运动短裤", "Running Shorts"),
    ("BOTTOMS", "百褶半身裙", "Pleated Midi Skirt"),
    ("BOTTOMS", "束脚运动裤", "Jogger Pants"),
    ("BOTTOMS", "西装长裤", "Tailored Trousers"),
    ("BOTTOMS", "高腰瑜伽裤", "High-waist Yoga Leggings"),
    ("OUTERWEAR", "轻薄羽绒服", "Light Down Jacket"),
    ("OUTERWEAR", "防风夹克", "Windbreaker"),
    ("OUTERWEAR", "牛仔外套", "Denim Jacket"),
    ("OUTERWEAR", "羊毛大衣", "Wool Overcoat"),
    ("OUTERWEAR", "摇粒绒外套", "Fleece Jacket"),
    ("DRESSES", "碎花连衣裙", "Floral Dress"),
    ("DRESSES", "针织连衣裙", "Knit Dress"),
    ("KIDS", "儿童睡衣套装", "Kids' Pyjama Set"),
    ("ACCESSORIES", "棉袜三双装", "Cotton Socks 3-pack"),
    ("ACCESSORIES", "保暖手套", "Thermal Gloves"),
)
# Packing supplies, products without SKUs: (product_code, Chinese, English, unit, has a barcode)
SUPPLIES = (
    ("CTN40", "五层瓦楞纸箱 40cm", "5-ply Carton 40 cm", "个", False),
    ("CTN60", "五层瓦楞纸箱 60cm", "5-ply Carton 60 cm", "个", False),
    ("TAPE48", "透明封箱胶带 48mm", "Clear Packing Tape 48 mm", "卷", True),
    ("BUBBLE", "气泡膜 50m", "Bubble Wrap 50 m", "卷", True),
    ("HANGER", "塑料衣架", "Plastic Hanger", "个", True),
    ("LABEL100", "热敏标签纸 100x150", "Thermal Labels 100x150", "卷", True),
)
SPECIAL_LOCATIONS = (  # (location_code, location_type, location_name)
    ("收货区", "receiving", "收货暂存区 Receiving"),
    ("发货区", "shipping", "发货集货区 Shipping"),
    ("残次品区", "damaged", "残次品隔离区 Damaged goods"),
    ("退货区", "returns", "退货待检区 Returns"),
)
BATCHES = ("B240315", "B240602", "B241120")
DEMO_SEED = 20240601
EAN_COMPANY_PREFIX = "6970123"  # 697 is a GS1 China prefix; 5 digits of item reference follow

# load_scale: 2 colours × 4 sizes per product, 5 balances per SKU, a location per 4 SKUs
SCALE_SEED = 20240602
SCALE_STYLES = (("基础", "Basic"), ("修身", "Slim-fit"), ("宽松", "Relaxed"), ("复古", "Vintage"),
                ("轻量", "Lightweight"), ("加厚", "Heavyweight"), ("有机棉", "Organic Cotton"), ("速干", "Quick-dry"))
SCALE_FIRST_PRODUCT_CODE = 300000
SKUS_PER_PRODUCT = 2 * len(SIZES)
BALANCES_PER_SKU = 5
SKUS_PER_LOCATION = 4
CHUNK = 50_000  # rows per executemany / per progress report
LOADED_TABLES = (schema.products, schema.skus, schema.external_codes, schema.locations,
                 schema.stock_balances, schema.stock_movements)


def ean13(first_twelve: str) -> str:
    """Twelve digits plus their GS1 check digit (weights 1, 3, 1, 3, … from the left)."""
    weighted = sum(int(digit) * (3 if i % 2 else 1) for i, digit in enumerate(first_twelve))
    return first_twelve + str(-weighted % 10)


def shelf_code(side: str, row: int, rack: int, level: int, position: int) -> str:
    return f"{side}{row}排{rack}架{level}层{position}位"


def _catalogue_in_use(conn: Connection) -> bool:
    # deleted products count too: their history is real data
    return conn.scalar(select(schema.products.c.product_id).limit(1)) is not None


# ---- the small demo, through the services ---------------------------------------------------


def seed_demo(db: Database, warehouse_code: str = "WH01") -> bool:
    """Fill an empty catalogue with ~30 products, ~40 locations and their opening stock, in
    ``warehouse_code`` (created when missing). Does nothing and returns False when the
    catalogue already has products."""
    if db.run(_catalogue_in_use, write=False):
        return False
    ensure_warehouse(db, warehouse_code, f"演示仓库 Demo {warehouse_code}")
    rng = random.Random(DEMO_SEED)
    services = Services(db, warehouse_code)
    shelves, zone_a = _create_demo_locations(services)
    barcodes = (ean13(f"{EAN_COMPANY_PREFIX}{n:05d}") for n in itertools.count(1))
    apparel = _apparel_products(rng, barcodes)
    for product in apparel:
        services.catalog.create_product(product)
    _create_supplies(services, barcodes)
    for receipt in _opening_stock(rng, apparel, shelves, zone_a):
        services.inventory.inbound(receipt)
    return True


def _create_demo_locations(services: Services) -> tuple[list[str], list[str]]:
    """Shelves 西/东8排 1–3架 5–6层 3–4位, bins A01-01-01 … A01-02-05, and the special areas."""
    shelves = [shelf_code(side, 8, rack, level, position)
               for side in ("西", "东") for rack in (1, 2, 3) for level in (5, 6) for position in (3, 4)]
    zone_a = [f"A01-{rack:02d}-{level:02d}" for rack in (1, 2) for level in range(1, 6)]
    for code in shelves + zone_a:
        services.locations.create({"location_code": code, "location_type": "storage"})
    for code, kind, name in SPECIAL_LOCATIONS:
        services.locations.create({"location_code": code, "location_type": kind, "location_name": name})
    return shelves, zone_a


def _apparel_products(rng: random.Random, barcodes: Iterator[str]) -> list[dict]:
    """create_product payloads: 2–3 colours × 3–4 sizes; most SKUs carry an EAN-13, a few two."""
    codes = sorted(rng.sample(range(100000, 1000000), len(APPAREL)))
    payloads = []
    for (category, name_cn, name_en), product_code in zip(APPAREL, map(str, codes)):
        picked = set(rng.sample(COLOURS, rng.randint(2, 3)))
        sizes = SIZES if rng.random() < 0.7 else SIZES[:3]
        lines = []
        for colour, size in itertools.product([c for c in COLOURS if c in picked], sizes):
            wanted = 0 if rng.random() < 0.3 else 2 if rng.random() < 0.05 else 1
            lines.append({"sku_code": sku_code_for(product_code, colour, size), "sku_color": colour,
                          "sku_size": size, "external_codes": list(itertools.islice(barcodes, wanted))})
        payloads.append({"product_code": product_code, "product_name": f"{name_cn} {name_en}",
                         "category_id": category, "has_sku": True, "skus": lines, "operator_id": OPERATOR})
    return payloads


def _create_supplies(services: Services, barcodes: Iterator[str]) -> None:
    for code, name_cn, name_en, unit, has_barcode in SUPPLIES:
        services.catalog.create_product({
            "product_code": code, "product_name": f"{name_cn} {name_en}", "unit": unit, "category_id": "PACKING",
            "has_sku": False, "low_stock_threshold": 50, "operator_id": OPERATOR,
        })
        if has_barcode:  # on the implicit SKU, whose code is the product code
            services.catalog.add_external_codes({"sku_code": code, "external_code": next(barcodes)})


def _opening_stock(rng: random.Random, apparel: list[dict], shelves: list[str], zone_a: list[str]) -> Iterator[dict]:
    """Inbound payloads: apparel on the shelves (some unshelved in 无货位, a few in receiving,
    returns or damaged; a quarter of the products batch-tracked), supplies in zone A."""
    specials = [code for code, kind, _ in SPECIAL_LOCATIONS if kind != "shipping"]
    for product in apparel:
        batch = rng.choice(BATCHES) if rng.random() < 0.25 else None
        for line in product["skus"]:
            for _ in range(1 if rng.random() < 0.65 else 2):
                roll = rng.random()
                place = (UNASSIGNED_LOCATION if roll < 0.1 else
                         rng.choice(specials) if roll < 0.15 else rng.choice(shelves))
                yield _receipt(product["product_code"], line["sku_code"], place, rng.randint(1, 60), batch)
    for code, *_ in SUPPLIES:
        for place in rng.sample(zone_a, rng.randint(1, 2)):
            yield _receipt(code, None, place, rng.randint(100, 1000), None)


def _receipt(product_code: str, sku_code: str | None, location_code: str, quantity: int, batch: str | None) -> dict:
    payload = {"product_code": product_code, "location_code": location_code, "stock_quantity": quantity,
               "operator_id": OPERATOR, "notes": "期初库存 Opening stock"}
    if sku_code is not None:
        payload["sku_code"] = sku_code
    if batch is not None:
        payload["batch_number"] = batch
    return payload


# ---- the bulk load ---------------------------------------------------------------------------


def load_scale(db: Database, skus: int = 200_000, warehouse_code: str = "WH01",
               progress: Progress | None = None) -> None:
    """Bulk-load ``skus`` SKUs (8 per product), one storage location per 4 SKUs, 5 balances per
    SKU with one inbound ledger row each, and an EAN-13 on 3 SKUs in 4 — in one transaction.
    Refused when the catalogue already has products. ``progress(step, done, total)`` is
    called after every chunk of rows."""
    sku_count = f.integer(1, 10_000_000)("skus", skus)
    report = progress or (lambda step, done, total: None)
    db.run(_refuse_if_catalogue_in_use, write=False)  # before creating a warehouse in a real database
    ensure_warehouse(db, warehouse_code, f"演示仓库 Demo {warehouse_code}")
    db.run(lambda conn: _load(conn, warehouse_code, sku_count, report))
    db.run(lambda conn: _analyze(conn, report))


def _refuse_if_catalogue_in_use(conn: Connection) -> None:
    if _catalogue_in_use(conn):
        raise WmsError("OPERATION_NOT_ALLOWED",
                       "The catalogue already has products; a bulk load only goes into an empty one",
                       {"reason": "catalogue_not_empty"})


def _load(conn: Connection, warehouse_code: str, sku_count: int, report: Progress) -> None:
    _refuse_if_catalogue_in_use(conn)
    out = _BulkWriter(conn, report)
    sku_ids = _load_catalogue(conn, out, sku_count)
    location_ids = _load_locations(conn, out, warehouse_id(conn, warehouse_code), sku_count)
    _load_stock(conn, out, sku_ids, location_ids)


def _load_catalogue(conn: Connection, out: _BulkWriter, sku_count: int) -> list[int]:
    """Products, SKUs and barcodes; the SKU ids in load order."""
    product_rows, sku_rows = _scale_catalogue(random.Random(SCALE_SEED), sku_count)
    out.write(schema.products, ("product_code", "product_name", "category_id", "has_sku"), product_rows)
    product_ids = _ids_by_code(conn, schema.products.c.product_code, schema.products.c.product_id)
    out.write(schema.skus, ("product_id", "sku_code", "sku_color", "sku_size"),
              [(product_ids[product_code], *rest) for product_code, *rest in sku_rows])
    by_code = _ids_by_code(conn, schema.skus.c.sku_code, schema.skus.c.sku_id)
    sku_ids = [by_code[sku_code] for _, sku_code, _, _ in sku_rows]
    out.write(schema.external_codes, ("sku_id", "external_code"),
              [(sku_id, ean13(f"69{n:010d}")) for n, sku_id in enumerate(sku_ids) if n % 4 != 3])
    return sku_ids


def _load_locations(conn: Connection, out: _BulkWriter, warehouse: int, sku_count: int) -> list[int]:
    codes = [_scale_location_code(n) for n in range(max(sku_count // SKUS_PER_LOCATION, BALANCES_PER_SKU))]
    out.write(schema.locations, ("warehouse_id", "location_code", "location_type"),
              [(warehouse, code, "storage") for code in codes])
    by_code = _ids_by_code(conn, schema.locations.c.location_code, schema.locations.c.location_id,
                           schema.locations.c.warehouse_id == warehouse)
    return [by_code[code] for code in codes]


def _load_stock(conn: Connection, out: _BulkWriter, sku_ids: list[int], location_ids: list[int]) -> None:
    """The balances, then one inbound ledger row per balance from a second, identical pass."""
    total = len(sku_ids) * BALANCES_PER_SKU
    out.write(schema.stock_balances, ("sku_id", "location_id", "batch_number", "stock_quantity"),
              _scale_balances(sku_ids, location_ids), total)
    stamp = conn.scalar(select(now(conn)))
    out.write(schema.stock_movements, ("sku_id", "location_id", "batch_number", "operation", "quantity_change",
                                       "quantity_after", "operator_id", "request_id", "operated_at"),
              ((*key, "inbound", quantity, quantity, OPERATOR, f"scale-{n:08d}", stamp)
               for n, (*key, quantity) in enumerate(_scale_balances(sku_ids, location_ids))), total)


def _scale_catalogue(rng: random.Random, sku_count: int) -> tuple[list[tuple], list[tuple]]:
    """Product rows (code, name, category, has_sku) and SKU rows (product_code, sku_code,
    colour, size): garments × styles for names, two colours each in all four sizes."""
    product_rows, sku_rows = [], []
    for n in range(-(-sku_count // SKUS_PER_PRODUCT)):
        code = str(SCALE_FIRST_PRODUCT_CODE + n)
        category, name_cn, name_en = APPAREL[n % len(APPAREL)]
        style_cn, style_en = SCALE_STYLES[n // len(APPAREL) % len(SCALE_STYLES)]
        product_rows.append((code, f"{style_cn}{name_cn} {style_en} {name_en}", category, True))
        picked = set(rng.sample(COLOURS, 2))
        for colour, size in itertools.product([c for c in COLOURS if c in picked], SIZES):
            sku_rows.append((code, sku_code_for(code, colour, size), colour, size))
    return product_rows, sku_rows[:sku_count]


def _scale_location_code(n: int) -> str:
    """The n-th shelf, filling 5 positions × 6 levels × 20 racks per row, rows alternating 西/东."""
    row, rest = divmod(n, 600)
    rack, rest = divmod(rest, 30)
    level, position = divmod(rest, 5)
    return shelf_code("西东"[row % 2], row // 2 + 1, rack + 1, level + 1, position + 1)


def _scale_balances(sku_ids: Sequence[int], location_ids: Sequence[int]) -> Iterator[tuple[int, int, str, int]]:
    """(sku_id, location_id, batch_number, stock_quantity): the same rows on every call, so the
    ledger can be written from a second pass. A SKU's 5 locations are a fifth of the
    warehouse apart, hence distinct; every location ends up with about 20 balances."""
    rng = random.Random(SCALE_SEED)
    stride = len(location_ids) // BALANCES_PER_SKU
    for n, sku_id in enumerate(sku_ids):
        for k in range(BALANCES_PER_SKU):
            batch = "B240601" if k == BALANCES_PER_SKU - 1 and n % 10 == 0 else ""
            yield sku_id, location_ids[(n + k * stride) % len(location_ids)], batch, rng.randint(1, 200)


def _ids_by_code(conn: Connection, code_column, id_column, *where) -> dict[str, int]:
    return dict(conn.execute(select(code_column, id_column).where(*where)).all())


def _analyze(conn: Connection, report: Progress) -> None:
    """Product totals (the bulk load bypassed the posting functions that keep them) and fresh
    planner statistics, so the first queries after the load use the indexes."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT wms_rebuild_product_totals()")
        conn.exec_driver_sql("ANALYZE product_stock_totals")
    for n, table in enumerate(LOADED_TABLES, 1):
        conn.exec_driver_sql(f"ANALYZE {table.name}")
        report("analyze", n, len(LOADED_TABLES))


class _BulkWriter:
    """Appends rows to tables inside the caller's transaction: COPY on PostgreSQL, executemany
    in chunks elsewhere. Reports progress per chunk under the table's name."""

    def __init__(self, conn: Connection, report: Progress) -> None:
        self.conn = conn
        self.report = report

    def write(self, table: Table, columns: Sequence[str], rows: Iterable[tuple], total: int | None = None) -> None:
        total = len(rows) if total is None else total
        done = 0
        with self._appender(table, columns) as append:
            for chunk in _chunks(rows, CHUNK):
                append(chunk)
                done += len(chunk)
                self.report(table.name, done, total)

    @contextmanager
    def _appender(self, table: Table, columns: Sequence[str]) -> Iterator[Callable[[list[tuple]], None]]:
        if self.conn.dialect.name != "postgresql":
            statement = insert(table)
            yield lambda chunk: self.conn.execute(statement, [dict(zip(columns, row)) for row in chunk])
            return
        # the psycopg connection under this SQLAlchemy one: same session, same transaction
        raw = self.conn.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            def append(chunk: list[tuple]) -> None:
                for row in chunk:
                    copy.write_row(row)

            yield append


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
