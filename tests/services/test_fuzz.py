"""Every mutating call, fed what a client may send: a valid payload with fields replaced, added
or removed by fuzzed JSON values (strings with lone surrogates, control characters, CJK; wrong
types). The only failure is a ``WmsError``, and a refused call leaves every table as it was.

Lone surrogates (U+D800–U+DFFF, from a JSON ``"\\ud800"`` escape) get a systematic test too:
in any string field of an otherwise valid payload they are INVALID_PARAMETERS naming the field.
"""
from __future__ import annotations

import copy
import io
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import WAREHOUSE
from tests.helpers import snapshot
from tests.strategies import LONE_SURROGATES, payload_strings, payload_values
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services, create_warehouse, webhooks

USER, PASSWORD = "fuzz.user", "fuzz password"
# the mutating calls, each with a payload that succeeds on the shop ``open_shop`` builds
CALLS: dict[str, dict[str, Any]] = {
    "inventory.inbound": {"product_code": "P1", "location_code": "A1", "stock_quantity": 1, "batch_number": "B1",
                          "operator_id": "u", "notes": "入库", "document_ref": "PO-1", "request_id": "r-in"},
    "inventory.outbound": {"product_code": "P1", "location_code": "A1", "stock_quantity": 1, "operator_id": "u",
                           "notes": "出库", "document_ref": "SO-1", "request_id": "r-out"},
    "inventory.transfer": {"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2",
                           "stock_quantity": 1, "operator_id": "u", "notes": "移库", "request_id": "r-tr"},
    "inventory.adjust": {"product_code": "P1", "location_code": "A1", "stock_quantity": 2, "batch_number": "B2",
                         "operator_id": "u", "notes": "调整"},
    "inventory.count": {"product_code": "P1", "location_code": "A1", "stock_quantity": 4, "operator_id": "u",
                        "notes": "盘点"},
    "inventory.batch_adjust": {"adjustments": [{"location_code": "A1", "sku_code": "P1", "stock_quantity": 1,
                                                "batch_number": "B3"}], "operator_id": "u", "notes": "批量"},
    "catalog.create_product": {"product_code": "F1", "product_name": "新品", "unit": "件", "category_id": "c1",
                               "image_path": "/uploads/f1.png", "operator_id": "u", "notes": "建",
                               "skus": [{"sku_code": "F1-红-M", "sku_color": "红", "sku_size": "M",
                                         "external_codes": ["690001"]}]},
    "catalog.update_product": {"product_id": "<P1>", "product_name": "改名", "unit": "双", "category_id": "c2",
                               "operator_id": "u", "notes": "改"},
    "catalog.delete_product": {"product_id": "<D1>", "operator_id": "u", "notes": "删"},
    "catalog.save_product": {"create": {"product_code": "S1", "product_name": "整存", "skus": [
        {"sku_code": "S1-红-M", "sku_color": "红", "sku_size": "M", "external_codes": ["690005"]},
        {"sku_code": "S1-红-S", "sku_color": "红", "sku_size": "S"}]},
        "weights": [{"sku_code": "S1-红-M", "weight_grams": 180}],
        "removed_external_codes": [{"sku_code": "S1-红-M", "external_code": "690005"}],
        "deleted_skus": ["S1-红-S"], "added_external_codes": [{"sku_code": "S1-红-M", "external_codes": ["690006"]}],
        "operator_id": "u", "notes": "整存", "request_id": "r-save"},
    "catalog.create_sku": {"product_code": "C1", "sku_code": "C1-蓝-L", "sku_color": "蓝", "sku_size": "L",
                           "image_path": "/uploads/c1.png", "external_codes": ["690002"]},
    "catalog.update_sku": {"sku_code": "C1-红-M", "image_path": "/uploads/m.png", "operator_id": "u", "notes": "改"},
    "catalog.delete_sku": {"sku_code": "C1-红-S", "operator_id": "u", "notes": "删"},
    "catalog.add_external_codes": {"sku_code": "C1-红-M", "external_code": "690003"},
    "catalog.remove_external_code": {"sku_code": "C1-红-M", "external_code": "690000", "operator_id": "u",
                                     "notes": "删码"},
    "locations.create": {"location_code": "L9", "location_name": "新库位", "location_type": "storage"},
    "locations.update": {"location_code": "A2", "location_name": "改名"},
    "locations.delete": {"location_code": "L0"},
    "auth.create_user": {"user_name": "new.user", "password": "long enough", "display_name": "新人", "role": "clerk"},
    "auth.set_active": {"user_name": USER, "is_active": True},
    "auth.set_role": {"user_name": USER, "role": "clerk"},
    "auth.set_warehouses": {"user_name": USER, "warehouse_codes": [WAREHOUSE]},
    "auth.change_password": {"user_name": USER, "old_password": PASSWORD, "new_password": "another one"},
    "create_warehouse": {"warehouse_code": "WH9", "warehouse_name": "九号仓"},
    "roles.create": {"role_code": "packer", "role_name": "打包员", "permissions": ["move_stock"]},
    "roles.update": {"role_code": "clerk", "role_name": "库管员"},
    "roles.set_active": {"role_code": "clerk", "is_active": True},
    # count tasks (open_shop leaves one in each state the calls need)
    "counts.set_settings": {"tolerance_units": 1, "tolerance_percent": 5, "recount_by_other": False},
    "counts.create": {"count_number": "CC-N", "location_codes": ["A1", "A2"], "operator_id": "u", "notes": "盘点",
                      "request_id": "r-cc"},
    "counts.start_location": {"count_number": "CC-P", "location_code": "A2", "operator_id": "u"},
    "counts.count_item": {"count_number": "CC-C", "location_code": "A1", "sku_code": "P1", "batch_number": "B1",
                          "stock_quantity": 2, "operator_id": "u", "request_id": "r-ci"},
    "counts.finish_location": {"count_number": "CC-C", "location_code": "A1", "operator_id": "u"},
    "counts.decide": {"count_number": "CC-D", "line_ids": "<LINES>", "decision": "approve", "reason_code": "lost",
                      "operator_id": "u", "notes": "审核"},
    "counts.approve": {"count_number": "CC-E", "operator_id": "u"},
    "counts.post": {"count_number": "CC-A", "operator_id": "u", "request_id": "r-cp"},
    "counts.cancel": {"count_number": "CC-X", "operator_id": "u", "notes": "取消"},
    # outbound orders (the shop has SO-E to edit, SO-R to release, SO-C to cancel, SO-P and SO-Q
    # released to pick and short-pick, SO-K picked to pack, SO-S packed to ship)
    "orders.create": {"order_number": "SO-N", "customer_name": "客户甲", "recipient_name": "王芳", "address": "上海",
                      "carrier": "SF", "expected_ship_date": "2026-01-05", "is_urgent": True, "notes": "新单",
                      "lines": [{"sku_code": "P1", "stock_quantity": 2, "batch_number": "B1"}],
                      "operator_id": "u", "request_id": "r-order"},
    "orders.update": {"order_number": "SO-E", "customer_name": "客户乙", "expected_version": 1,
                      "lines": [{"sku_code": "C1-红-M", "stock_quantity": 1}], "operator_id": "u", "notes": "改单"},
    "orders.release": {"order_number": "SO-R", "operator_id": "u", "request_id": "r-release"},
    "orders.cancel": {"order_number": "SO-C", "operator_id": "u", "notes": "取消"},
    "orders.set_short_stock_policy": {"short_stock_policy": "backorder"},
    "orders.create_and_release": {"order_number": "SO-AR", "customer_name": "柜台", "operator_id": "u",
                                   "lines": [{"sku_code": "P1", "stock_quantity": 1}], "request_id": "r-ar"},
    "orders.pick": {"order_number": "SO-P", "location_code": "A1", "sku_code": "P1", "stock_quantity": 1,
                    "to_location_code": "A2", "operator_id": "u", "request_id": "r-pick"},
    "orders.short_pick": {"order_number": "SO-Q", "location_code": "A1", "sku_code": "P1", "batch_number": None,
                          "operator_id": "u", "notes": "短拣", "request_id": "r-short"},
    "orders.pack": {"order_number": "SO-K", "items": [{"sku_code": "P1", "stock_quantity": 1, "batch_number": None}],
                    "weight_grams": 100, "tare_grams": 10, "accept_weight_difference": True, "carrier": "SF",
                    "tracking_number": "T1", "operator_id": "u", "request_id": "r-pack"},
    "orders.ship": {"order_number": "SO-S", "cartons": [{"carton_number": 1, "tracking_number": "SF9", "carrier": "SF"}],
                    "operator_id": "u", "notes": "发货", "request_id": "r-ship"},
    # customer returns of SO-T (shipped): RT-R open to receive into, RT-C open to close
    "returns.open": {"order_number": "SO-T", "return_number": "RT-N", "operator_id": "u", "notes": "退货"},
    "returns.receive": {"return_number": "RT-R", "sku_code": "P1", "stock_quantity": 1, "disposition": "restock",
                        "location_code": "A2", "reason_code": "wrong_size", "operator_id": "u", "request_id": "r-rt"},
    "returns.close": {"return_number": "RT-C", "operator_id": "u", "notes": "完成"},
    "api_keys.add": {"name": "网店", "role": "clerk"},
    "api_keys.revoke": {"key_id": "<K1>"},
    "webhooks.add": {"url": "https://shop.example/wms?k=1", "event_types": ["stock.*", "document.asn.closed"]},
    "webhooks.remove": {"webhook_id": "<W1>"},
    "webhooks.redeliver": {"delivery_id": "<R1>"},
    # receiving against ASNs: each ASN (open_shop) in the state its call needs
    "receiving.create": {"asn_number": "ASN-N", "supplier_code": "S1", "supplier_name": "供应商",
                         "expected_arrival": "2026-12-24", "is_blind": False, "operator_id": "u", "notes": "新",
                         "document_ref": "PO-1", "request_id": "r-asn",
                         "lines": [{"sku_code": "C1-红-M", "expected_quantity": 3, "batch_number": "B1",
                                    "expiry_date": "2027-01-01"}]},
    "receiving.edit": {"asn_number": "ASN-E", "expected_version": 1, "supplier_name": "改", "operator_id": "u",
                       "lines": [{"sku_code": "P1", "expected_quantity": 6}]},
    "receiving.cancel": {"asn_number": "ASN-X", "operator_id": "u", "notes": "取消"},
    "receiving.start_blind": {"asn_number": "BR-1", "supplier_name": "散客", "operator_id": "u", "request_id": "r-br"},
    "receiving.receive": {"asn_number": "ASN-R", "sku_code": "P1", "quantity": 2, "damaged_quantity": 1,
                          "batch_number": "B5", "expiry_date": "2027-02-02", "location_code": "R1",
                          "damaged_location_code": "DM1", "accept": "over_receipt", "reason_code": "other",
                          "operator_id": "u", "request_id": "r-rcv"},
    "receiving.finish": {"document_id": "<ASN-F>", "operator_id": "u"},
    "receiving.close": {"asn_number": "ASN-C", "operator_id": "u",
                        "short_reasons": [{"line_number": 1, "reason_code": "backorder"}]},
    "receiving.set_tolerance": {"over_receipt_tolerance_percent": 10, "over_receipt_needs_supervisor": False},
    "alerts.acknowledge": {"alert_id": "<A1>", "operator_id": "u", "notes": "已阅"},
    "alerts.set_expiry_days": {"expiry_alert_days": 10},
    "warehouses.create": {"warehouse_code": "WH8", "warehouse_name": "八号仓"},
    "warehouses.update": {"warehouse_code": "WH7", "warehouse_name": "七号仓 改", "is_active": False},
    "receiving.put_away": {"asn_number": "ASN-F", "sku_code": "P1", "from_location_code": "R1",
                           "to_location_code": "A2", "quantity": 1, "operator_id": "u", "notes": "上架",
                           "request_id": "r-put"},
    # CSV imports: the command is the payload; the file (IMPORT_FILES) stays valid
    "imports.products": {"mode": "update", "file_name": "商品.csv", "operator_id": "u", "notes": "导入"},
    "imports.locations": {"mode": "skip", "file_name": "locations.csv", "operator_id": "u"},
    "imports.asns": {"mode": "update", "file_name": "asns.csv", "operator_id": "u", "notes": "到货"},
    "imports.stock": {"mode": "fail", "dry_run": False, "file_name": "stock.csv", "operator_id": "u",
                      "document_ref": "OPEN-1"},
    "imports.orders": {"mode": "skip", "file_name": "订单.csv", "operator_id": "u", "notes": "导入"},
}
IMPORT_FILES = {
    "products": "product_code,product_name,sku_color,sku_size,external_codes\nC1,有规格,蓝,M,690009\nN1,新,,,\n",
    "locations": "location_code,location_name\nA1,甲\nL8,新\n",
    "stock": "location_code,sku_code,stock_quantity\nA2,P1,3\n",
    "asns": "asn_number,supplier_name,sku_code,expected_quantity\nASN-I,供应商,P1,2\n",
    "orders": "order_number,customer_name,sku_code,stock_quantity\nSO-I1,客户,P1,1\nSO-I1,客户,C1-红-M,1\n",
}
FUZZ = settings(max_examples=12 * len(CALLS), deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def open_shop(services: Services) -> dict[str, Any]:
    hook = services.webhooks.add({"url": "http://127.0.0.1:9/hook", "event_types": ["*"]})
    services.locations.create({"location_code": "A1"})
    services.locations.create({"location_code": "A2"})
    services.locations.create({"location_code": "L0"})
    catalog = services.catalog
    p1 = catalog.create_product({"product_code": "P1", "product_name": "无规格", "operator_id": "u"})
    catalog.create_product({"product_code": "C1", "product_name": "有规格", "operator_id": "u", "skus": [
        {"sku_code": "C1-红-M", "sku_color": "红", "sku_size": "M", "external_codes": ["690000"]},
        {"sku_code": "C1-红-S", "sku_color": "红", "sku_size": "S"}]})
    d1 = catalog.create_product({"product_code": "D1", "product_name": "待删", "operator_id": "u"})
    services.inventory.inbound({"product_code": "P1", "location_code": "A1", "stock_quantity": 10, "operator_id": "u"})
    services.auth.create_user({"user_name": USER, "password": PASSWORD, "display_name": "模糊", "role": "clerk"})
    create_warehouse(services.db, {"warehouse_code": "WH7", "warehouse_name": "七号仓"})
    key = services.api_keys.add({"name": "erp", "role": "supervisor"})
    services.locations.create({"location_code": "R1", "location_type": "receiving"})
    services.locations.create({"location_code": "DM1", "location_type": "damaged"})
    receiving, asns = services.receiving, {}
    for number in ("ASN-E", "ASN-X", "ASN-R", "ASN-F", "ASN-C"):
        asns[f"<{number}>"] = receiving.create({"asn_number": number, "operator_id": "u", "lines": [
            {"sku_code": "P1", "expected_quantity": 5}]}).asn.document_id
    for number in ("ASN-F", "ASN-C"):
        receiving.receive({"asn_number": number, "sku_code": "P1", "quantity": 1, "location_code": "R1",
                           "operator_id": "u"})
    receiving.finish({"asn_number": "ASN-C", "operator_id": "u"})
    lines = open_counts(services)  # before the orders move P1 out of A1: the counts expect its 10
    for number in ("SO-E", "SO-R", "SO-C", "SO-P", "SO-K", "SO-S", "SO-Q"):
        services.orders.create({"order_number": number, "customer_name": "客户", "operator_id": "u",
                                "lines": [{"sku_code": "P1", "stock_quantity": 1}]})
    item = {"sku_code": "P1", "stock_quantity": 1}
    for number in ("SO-P", "SO-K", "SO-S", "SO-Q"):
        services.orders.release({"order_number": number, "operator_id": "u"})
    for number in ("SO-K", "SO-S"):
        services.orders.pick({"order_number": number, "location_code": "A1", "to_location_code": "A2",
                              "operator_id": "u", **item})
    services.orders.create({"order_number": "SO-T", "customer_name": "客户", "operator_id": "u", "lines": [
        {"sku_code": "P1", "stock_quantity": 2}]})
    services.orders.release({"order_number": "SO-T", "operator_id": "u"})
    services.orders.pick({"order_number": "SO-T", "location_code": "A1", "to_location_code": "A2", "operator_id": "u",
                          "sku_code": "P1", "stock_quantity": 2})
    for number in ("SO-S", "SO-T"):
        services.orders.pack({"order_number": number, "items": [item] if number == "SO-S" else [
            {"sku_code": "P1", "stock_quantity": 2}], "operator_id": "u"})
    services.orders.ship({"order_number": "SO-T", "operator_id": "u"})
    for number in ("RT-R", "RT-C"):
        services.returns.open({"order_number": "SO-T", "return_number": number, "operator_id": "u"})
    catalog.create_product({"product_code": "T1", "product_name": "阈值", "operator_id": "u", "low_stock_threshold": 5})
    services.inventory.inbound({"product_code": "T1", "location_code": "A1", "stock_quantity": 1, "operator_id": "u"})
    (alert,) = services.alerts.list_alerts().items
    webhooks.route(services.db)
    delivery = services.webhooks.deliveries({})[-1]
    return {"<P1>": p1.product_id, "<D1>": d1.product_id, "<K1>": key.key.key_id, "<W1>": hook.webhook.webhook_id,
            "<R1>": delivery.delivery_id, "<A1>": alert.alert_id, **asns, "<LINES>": lines}


def open_counts(services: Services) -> list[int]:
    """Count tasks pending (CC-P, CC-X), counting at A1 by u (CC-C), counted with a variance
    counted by others (CC-D), counted without one (CC-E), approved (CC-A); the variance lines of CC-D."""
    counts = services.counts
    for number in ("CC-P", "CC-X", "CC-C", "CC-D", "CC-E", "CC-A"):
        counts.create({"count_number": number, "location_codes": ["A2" if number in ("CC-P", "CC-X") else "A1"],
                       "operator_id": "boss"})
    at = {"location_code": "A1", "operator_id": "c"}
    counts.start_location({"count_number": "CC-C", **at, "operator_id": "u"})
    for number, counted in (("CC-D", 3), ("CC-E", 10), ("CC-A", 9)):
        counts.start_location({"count_number": number, **at})
        counts.count_item({"count_number": number, **at, "sku_code": "P1", "stock_quantity": counted})
        counts.finish_location({"count_number": number, **at})
        if counted != 10:  # recounted by another counter
            counts.start_location({"count_number": number, **at, "operator_id": "c2"})
            counts.count_item({"count_number": number, **at, "operator_id": "c2", "sku_code": "P1",
                               "stock_quantity": counted})
            counts.finish_location({"count_number": number, **at, "operator_id": "c2"})
    lines = {number: counts.line_ids({"document_id": counts.detail({"count_number": number}).header.document_id,
                                      "variances_only": True}) for number in ("CC-D", "CC-A")}
    counts.decide({"count_number": "CC-A", "line_ids": lines["CC-A"], "decision": "approve", "reason_code": "lost",
                   "operator_id": "boss"})
    counts.approve({"count_number": "CC-A", "operator_id": "boss"})
    return lines["CC-D"]


@pytest.fixture
def shop(pg):
    services = Services(pg, WAREHOUSE)
    return services, open_shop(services)


def call_of(services: Services, name: str) -> Callable[[Any], Any]:
    if name == "create_warehouse":
        return lambda payload: create_warehouse(services.db, payload)
    area, method = name.split(".")
    if area == "imports":
        run = getattr(services.imports, method)
        return lambda payload: run(payload, io.BytesIO(IMPORT_FILES[method].encode()))
    return getattr(getattr(services, area), method)


def template(name: str, ids: dict[str, int]) -> dict[str, Any]:
    return {k: ids.get(v, v) if isinstance(v, str) else copy.deepcopy(v) for k, v in CALLS[name].items()}


def string_paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Where an otherwise valid payload holds a string: keys of dicts, indexes of lists."""
    if isinstance(value, str):
        return [path]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    return [found for key, inner in items for found in string_paths(inner, (*path, key))]


def replaced(payload: Any, path: tuple, new: Any) -> Any:
    payload = copy.deepcopy(payload)
    target = payload
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return payload


def test_the_list_covers_every_mutating_call(services):
    import inspect

    from wms_desktop.services.access import READ, permission_of
    from wms_desktop.services.unit import Area

    guarded = {f"{name}.{method}" for name, area in vars(services).items() if isinstance(area, Area)
               for method, function in inspect.getmembers(type(area), inspect.isfunction)
               if not method.startswith("_") and permission_of(function) != READ}
    # change_password is open to all (one's own); create_warehouse is an admin step
    # guarded, but read (the count views: with quantities, or a counter's sheet)
    reads = {"auth.list_users", "api_keys.list", "webhooks.list", "webhooks.deliveries", "counts.detail",
             "counts.line_ids", "counts.line_rows", "counts.accuracy", "counts.sheet"}
    assert set(CALLS) == guarded - reads | {"auth.change_password", "create_warehouse"}


def test_a_lone_surrogate_in_any_string_field_is_refused_by_name(shop):
    services, ids = shop
    for name in sorted(CALLS):
        valid = template(name, ids)
        for path in string_paths(valid):
            field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
            before = snapshot(services.db)
            with pytest.raises(WmsError) as caught:
                call_of(services, name)(replaced(valid, path, f"x{LONE_SURROGATES[len(path) % 4]}y"))
            assert caught.value.error_code == "INVALID_PARAMETERS", (name, field, caught.value)
            assert caught.value.details["field"] == field, name
            assert snapshot(services.db) == before, (name, field)


@FUZZ
@given(name=st.sampled_from(sorted(CALLS)), data=st.data())
def test_fuzzed_payloads_are_refused_with_a_code_and_write_nothing(shop, name, data):
    """One shop for all examples: what an accepted payload changed stays, refusals change nothing."""
    services, ids = shop
    payload = template(name, ids)
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        paths = string_paths(payload) if isinstance(payload, dict) else []
        change = data.draw(st.sampled_from(["string", "value", "add", "drop"] if paths else ["value"]), label="change")
        if change == "string":
            payload = replaced(payload, data.draw(st.sampled_from(paths)), data.draw(payload_strings))
        elif change == "value" or not isinstance(payload, dict) or not payload:
            key = data.draw(st.sampled_from(sorted(payload))) if isinstance(payload, dict) and payload else None
            value = data.draw(payload_values, label="value")
            payload = value if key is None else {**payload, key: value}
        elif change == "add":
            payload = {**payload, data.draw(payload_strings, label="key"): data.draw(payload_values, label="value")}
        else:
            payload.pop(data.draw(st.sampled_from(sorted(payload)), label="dropped"))
    before = snapshot(services.db)
    try:
        call_of(services, name)(payload)
    except WmsError:
        assert snapshot(services.db) == before
