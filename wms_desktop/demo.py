"""Demo data: a small, realistic warehouse (``seed_demo``), through the service layer, so every
row is validated and the ledger is what real receiving would have written. (The bulk data set
for scale runs and benchmarks is a developer tool: ``tools/scale_loader.py``.)

Products are shared by all warehouses, so it looks at the whole catalogue: demo data is only
ever added to an empty one, never mixed with real data.
"""
from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator

from sqlalchemy import Connection, select

from .db import schema
from .db.engine import Database
from .domain.codes import UNASSIGNED_LOCATION, sku_code_for
from .services import Services, ensure_warehouse

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


def ean13(first_twelve: str) -> str:
    """Twelve digits plus their GS1 check digit (weights 1, 3, 1, 3, … from the left)."""
    weighted = sum(int(digit) * (3 if i % 2 else 1) for i, digit in enumerate(first_twelve))
    return first_twelve + str(-weighted % 10)


def shelf_code(side: str, row: int, rack: int, level: int, position: int) -> str:
    return f"{side}{row}排{rack}架{level}层{position}位"


def catalogue_in_use(conn: Connection) -> bool:
    # deleted products count too: their history is real data
    return conn.scalar(select(schema.products.c.product_id).limit(1)) is not None


# ---- the small demo, through the services ---------------------------------------------------


def seed_demo(db: Database, warehouse_code: str = "WH01") -> bool:
    """Fill an empty catalogue with ~30 products, ~40 locations, their opening stock, ASNs,
    outbound orders and a pending count task, in ``warehouse_code`` (created when missing). Does nothing and returns
    False when the catalogue already has products."""
    if db.run(catalogue_in_use, write=False):
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
    for asn in _open_asns(apparel):
        services.receiving.create(asn)
    _demo_orders(services)
    # a count task to try: the first rack of zone A (blind; Counts screen → Count…)
    services.counts.create({"count_number": "CC-DEMO-01", "location_prefix": "A01-01-", "operator_id": "demo"})
    return True


def _open_asns(apparel: list[dict]) -> list[dict]:
    """Two pending ASNs to receive: a counted one of eight SKUs with barcodes, and a blind one
    whose first line is a batch with its expiry."""
    with_barcodes = [line["sku_code"] for product in apparel for line in product["skus"] if line["external_codes"]]
    counted = [{"sku_code": sku, "expected_quantity": 6 + 2 * i} for i, sku in enumerate(with_barcodes[:8])]
    blind = [{"sku_code": sku, "expected_quantity": 10} for sku in with_barcodes[8:12]]
    blind[0].update(batch_number="B250301", expiry_date="2027-03-01")
    return [{"asn_number": "ASN-2026-0001", "supplier_code": "SUP-HD", "supplier_name": "华东服饰 East China Apparel",
             "expected_arrival": "2026-12-10", "document_ref": "PO-2026-118", "operator_id": OPERATOR,
             "lines": counted},
            {"asn_number": "ASN-2026-0002", "supplier_code": "SUP-NB", "supplier_name": "宁波纺织 Ningbo Textiles",
             "expected_arrival": "2026-12-12", "document_ref": "PO-2026-121", "is_blind": True,
             "is_urgent": True, "operator_id": OPERATOR, "lines": blind}]


def _demo_orders(services: Services) -> None:
    """Outbound orders to try: one pending, two released (reserved), one of them urgent."""
    stocked = sorted({item.sku_code for item in services.stock.query({"page_size": 1000}).items
                      if item.batch_number is None and item.available_quantity >= 3
                      and item.location_code.startswith(("西", "东"))})
    plans = (("SO-DEMO-001", "上海衣橱服饰", False, stocked[0:2], False),
             ("SO-DEMO-002", "杭州优选电商", False, stocked[2:4], True),
             ("SO-DEMO-003", "北京快闪店", True, stocked[4:5], True))
    for number, customer, urgent, sku_codes, release in plans:
        services.orders.create({
            "order_number": number, "customer_name": customer, "recipient_name": "王芳",
            "address": "上海市浦东新区张江路 88 号", "carrier": "SF", "is_urgent": urgent, "operator_id": OPERATOR,
            "lines": [{"sku_code": sku, "stock_quantity": 1 + i} for i, sku in enumerate(sku_codes)]})
        if release:
            services.orders.release({"order_number": number, "operator_id": OPERATOR})


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
