"""PostgreSQL least privilege: a workstation login (a member of the database's workstation role,
as `db upgrade` grants it) does all the app's work — stock through the posting functions,
catalogue, locations, documents and their events, users through their functions — and is
refused every direct write to stock, the ledger, the stock events of the outbox, the request
log and users."""
from __future__ import annotations

import io
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.conftest import WAREHOUSE
from tests.helpers import assert_ledger_matches_balances, snapshot
from wms_desktop.db.engine import Database
from wms_desktop.db.privileges import Roles, ensure_roles
from wms_desktop.domain.documents import Action, Lifecycle
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services, data_import, documents
from wms_desktop.services.access import SYSTEM
from wms_desktop.services.lookup import Warehouse
from wms_desktop.services.unit import Scope

INSUFFICIENT_PRIVILEGE = "42501"
TRIAL = Lifecycle("trial", states=("pending", "working"), initial="pending",
                  actions=(Action("start", {"pending"}, "working"),))


@pytest.fixture
def station(pg):
    """Services signed in to PostgreSQL as a fresh workstation login (unique per run: roles are
    cluster-wide), dropped afterwards."""
    login = f"station_{uuid.uuid4().hex[:12]}"
    with pg.engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {login} LOGIN IN ROLE {Roles.of(pg).workstation}")
    db = Database(pg.url.set(username=login))
    yield Services(db, WAREHOUSE)
    db.dispose()
    with pg.engine.begin() as conn:
        conn.exec_driver_sql(f"DROP ROLE {login}")


def test_the_workstation_login_does_the_apps_work(station):
    catalog, inventory, auth = station.catalog, station.inventory, station.auth
    station.locations.create({"location_code": "A1"})
    station.locations.update({"location_code": "A1", "location_name": "货架 A1"})
    catalog.create_product({"product_code": "P1", "product_name": "T恤", "operator_id": "u",
                            "skus": [{"sku_code": "P1-红-M", "sku_color": "红", "sku_size": "M",
                                      "external_codes": ["6901234567892"]}]})
    catalog.create_sku({"product_code": "P1", "sku_code": "P1-蓝-L", "sku_color": "蓝", "sku_size": "L",
                        "stock_quantity": 3, "operator_id": "u", "request_id": "sku-1"})
    receipt = {"product_code": "P1", "sku_code": "P1-红-M", "location_code": "A1", "stock_quantity": 9,
               "operator_id": "u", "request_id": "in-1"}
    assert inventory.inbound(receipt) == inventory.inbound(receipt)  # the repeat reads the remembered result
    inventory.transfer({"sku_code": "P1-红-M", "from_location_code": "A1", "to_location_code": "无货位",
                        "stock_quantity": 2, "operator_id": "u"})
    inventory.count({"product_code": "P1", "sku_code": "P1-蓝-L", "location_code": "无货位", "stock_quantity": 5,
                     "operator_id": "u"})
    inventory.batch_adjust({"operator_id": "u", "adjustments": [
        {"sku_code": "P1-红-M", "location_code": "A1", "stock_quantity": -1}]})
    catalog.update_sku({"sku_code": "P1-红-M", "weight_grams": 180, "operator_id": "u", "request_id": "w-1"})
    auth.create_user({"user_name": "li.wei", "password": "correct horse", "display_name": "李伟", "role": "clerk"})
    auth.change_password({"user_name": "li.wei", "old_password": "correct horse", "new_password": "battery staple"})
    assert auth.login({"user_name": "li.wei", "password": "battery staple"}).role == "clerk"
    assert auth.set_role({"user_name": "li.wei", "role": "supervisor"}).role == "supervisor"
    station.roles.create({"role_code": "counter", "role_name": "盘点员", "permissions": ["correct_stock"]})
    station.roles.update({"role_code": "counter", "role_name": "点数员"})
    station.roles.set_active({"role_code": "counter", "is_active": False})
    assert station.acting_as("li.wei", "supervisor").actor.holds("approve_counts")
    assert auth.set_warehouses({"user_name": "li.wei", "warehouse_codes": []}).warehouse_codes == []
    with pytest.raises(WmsError, match="may not work in this warehouse"):
        auth.login({"user_name": "li.wei", "password": "battery staple"})
    auth.set_active({"user_name": "li.wei", "is_active": False})
    stock = {(i.sku_code, i.location_code): i.stock_quantity for i in station.stock.query({"product_code": "P1"}).items}
    assert stock == {("P1-红-M", "A1"): 6, ("P1-红-M", "无货位"): 2, ("P1-蓝-L", "无货位"): 5}
    assert station.history.movements({}).items[0].operator_id == "u"
    scope = Scope(station.db, Warehouse(WAREHOUSE), SYSTEM)  # a document made and moved on, and its events
    made = scope.write(lambda uow: documents.create(uow, TRIAL, "T-1", "u"))
    scope.write(lambda uow: documents.act(uow, TRIAL, documents.find(uow, TRIAL, made.document_id), "start", "u"))
    with station.db.engine.begin() as conn:  # the event relay stamps what it published
        assert conn.execute(text("UPDATE outbox_events SET published_at = now()")).rowcount == 8
    assert_ledger_matches_balances(station.db)


def test_the_workstation_login_counts_and_posts_a_count_task(station):
    station.locations.create({"location_code": "A1"})
    station.catalog.create_product({"product_code": "P1", "product_name": "T恤", "operator_id": "u"})
    station.inventory.inbound({"product_code": "P1", "location_code": "A1", "stock_quantity": 9, "operator_id": "u"})
    station.counts.set_settings({"tolerance_units": 5})
    station.counts.create({"count_number": "CC-1", "location_codes": ["A1"], "operator_id": "boss"})
    counter, supervisor = station.acting_as("li", "supervisor"), station.acting_as("zhao", "supervisor")
    at = {"count_number": "CC-1", "location_code": "A1"}
    counter.counts.start_location(at)
    counter.counts.count_item({**at, "sku_code": "P1", "stock_quantity": 7})
    counter.counts.finish_location(at)
    (line,) = supervisor.counts.line_ids({"document_id": supervisor.counts.detail({"count_number": "CC-1"}).header.document_id})
    supervisor.counts.decide({"count_number": "CC-1", "line_ids": [line], "decision": "approve",
                              "reason_code": "damaged"})
    supervisor.counts.approve({"count_number": "CC-1"})
    assert supervisor.counts.post({"count_number": "CC-1"}).changes.balances[0].current_quantity == 7
    assert_ledger_matches_balances(station.db)


@pytest.mark.parametrize("sql", [
    "UPDATE stock_balances SET stock_quantity = stock_quantity + 100",
    "UPDATE stock_balances SET locked_quantity = 0",
    "DELETE FROM stock_balances",
    "INSERT INTO stock_balances (sku_id, location_id, stock_quantity) SELECT sku_id, 1, 5 FROM skus",
    "INSERT INTO stock_movements (sku_id, location_id, operation, quantity_change, quantity_after, operator_id,"
    " request_id, operated_at) SELECT sku_id, 1, 'inbound', 5, 5, 'x', 'x', now() FROM skus",
    "UPDATE stock_movements SET quantity_change = 1",
    "DELETE FROM stock_movements",
    "INSERT INTO outbox_events (event_id, event_type, warehouse_id, ordering_key, movement_id)"
    " SELECT 'e', 'stock.inbound', 1, 'k', movement_id FROM stock_movements",
    "UPDATE outbox_events SET movement_id = movement_id",
    "UPDATE outbox_events SET payload = '{}'",
    "DELETE FROM outbox_events",
    "INSERT INTO operation_requests (request_id, operation, payload_hash, result) VALUES ('r', 'inbound', 'h', '{}')",
    "UPDATE operation_requests SET result = '{}'",
    "DELETE FROM operation_requests",
    "INSERT INTO product_stock_changes (product_id, warehouse_id, quantity_change) VALUES (1, 1, 5)",
    "UPDATE product_stock_totals SET total_quantity = 0",
    "INSERT INTO users (user_name, display_name, password_hash, role) VALUES ('eve', 'Eve', 'x', 'admin')",
    "UPDATE users SET role = 'admin'",
    "UPDATE users SET password_hash = 'x'",
    "DELETE FROM users",
    "INSERT INTO warehouses (warehouse_code, warehouse_name) VALUES ('WH9', 'x')",
    "TRUNCATE stock_balances",
    "ALTER TABLE stock_balances DROP CONSTRAINT ck_stock_balances_stock_not_negative",
    "CREATE TABLE stock_balances_copy (id int)",
    "SELECT wms_post_lines(1, ARRAY[1::int8], ARRAY['x'], ARRAY[1::int8], ARRAY['x'], ARRAY[1::int8], ARRAY['x'],"
    " ARRAY[true], ARRAY[''], ARRAY['inbound'], ARRAY[5::int8], ARRAY[NULL::int8], 'x', false, NULL, NULL, 'x')",
    "SELECT wms_raise('INSUFFICIENT_STOCK', '{}')",
])
def test_every_direct_write_is_refused(pg, station, sql):
    station.locations.create({"location_code": "A1"})
    station.catalog.create_product({"product_code": "P1", "product_name": "p", "operator_id": "u"})
    station.inventory.inbound({"product_code": "P1", "location_code": "A1", "stock_quantity": 5, "operator_id": "u",
                               "request_id": "in-1"})
    station.auth.create_user({"user_name": "li.wei", "password": "correct horse", "display_name": "李伟",
                              "role": "clerk"})
    before = snapshot(pg)  # as the superuser: the workstation may not read every column
    with pytest.raises(DBAPIError) as caught, station.db.engine.begin() as conn:
        conn.execute(text(sql))
    assert caught.value.orig.sqlstate == INSUFFICIENT_PRIVILEGE, str(caught.value.orig)
    assert snapshot(pg) == before


def test_password_hashes_are_not_readable(station):
    """Login computes the hash from the user's parameters and salt and lets the database compare:
    the workstation never reads a stored hash."""
    station.auth.create_user({"user_name": "li.wei", "password": "correct horse", "display_name": "李伟",
                              "role": "admin"})
    assert station.auth.login({"user_name": "li.wei", "password": "correct horse"}).role == "admin"
    with station.db.engine.connect() as conn:
        settings = conn.execute(text("SELECT wms_login_settings('li.wei')")).scalar()
        with pytest.raises(DBAPIError) as caught:
            conn.execute(text("SELECT password_hash FROM users"))
    assert caught.value.orig.sqlstate == INSUFFICIENT_PRIVILEGE
    assert settings.startswith("$argon2id$") and settings.endswith("$" + "A" * 43)  # the hash part masked


def test_two_upgrades_creating_the_same_roles_at_once_both_succeed(pg):
    """Roles are cluster-wide: two databases upgraded at the same moment with one prefix race
    to create them; the loser finds them made instead of failing."""
    import threading

    roles = Roles.of(pg, f"issue12_race_{uuid.uuid4().hex[:8]}")
    together, failures = threading.Barrier(2), []

    def upgrade_roles() -> None:
        try:
            with pg.engine.begin() as conn:
                together.wait(10)
                ensure_roles(conn, roles)
        except Exception as error:
            failures.append(error)

    threads = [threading.Thread(target=upgrade_roles) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    try:
        assert failures == []
        with pg.engine.connect() as conn:
            made = conn.exec_driver_sql("SELECT count(*) FROM pg_roles WHERE rolname IN (%s, %s)",
                                        (roles.owner, roles.workstation)).scalar()
        assert made == 2
    finally:
        with pg.engine.begin() as conn:
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {roles.owner}, {roles.workstation}")


def test_db_upgrade_again_converges(pg, capsys):
    """The admin step on an up-to-date database: nothing to migrate, the same roles, grants set
    anew — a workstation login still works and is still refused."""
    from wms_desktop.cli import main

    roles = Roles.of(pg)
    assert main(["--database-url", pg.url.render_as_string(hide_password=False), "db", "upgrade"]) == 0
    assert f"roles {roles.owner} (owner), {roles.workstation}" in capsys.readouterr().out
    with pg.engine.connect() as conn:
        granted = set(conn.exec_driver_sql(
            "SELECT privilege_type FROM information_schema.role_table_grants"
            " WHERE grantee = %s AND table_name = 'stock_balances'", (roles.workstation,)).scalars())
    assert granted == {"SELECT"}


def test_db_upgrade_takes_a_role_prefix(pg, capsys):
    """``db upgrade --roles PREFIX`` names the roles; a prefix PostgreSQL would cut is refused
    before anything is created or migrated."""
    from wms_desktop.cli import main

    prefix = "issue12_" + "x" * 60
    url = pg.url.render_as_string(hide_password=False)
    assert main(["--database-url", url, "db", "upgrade", "--roles", prefix]) == 2
    assert f"{prefix}_workstation" in capsys.readouterr().err
    with pg.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'issue12\\_xxx%%'").scalar() == 0


def test_the_workstation_login_raises_acknowledges_and_checks_alerts(station):
    """Stock alerts are written by the ledger's trigger inside the posting function; lots' and
    acknowledgements by the services."""
    station.locations.create({"location_code": "A1"})
    station.catalog.create_product({"product_code": "P1", "product_name": "T恤", "operator_id": "u",
                                    "low_stock_threshold": 5})
    station.inventory.inbound({"product_code": "P1", "location_code": "A1", "stock_quantity": 3, "operator_id": "u"})
    (alert,) = station.alerts.list_alerts().items
    assert station.alerts.acknowledge({"alert_id": alert.alert_id, "operator_id": "u"}).acknowledged_by == "u"
    assert station.alerts.check_expiry().raised == 0
    with pytest.raises(DBAPIError) as refused, station.db.engine.begin() as conn:
        conn.execute(text("UPDATE stock_levels SET level = 'normal'"))
    assert refused.value.orig.sqlstate == INSUFFICIENT_PRIVILEGE


@pytest.mark.parametrize("sql", ["UPDATE audit_log SET actor = 'nobody'", "DELETE FROM audit_log",
                                 "TRUNCATE audit_log", "UPDATE audit_head SET last_hash = 'x'",
                                 "INSERT INTO audit_log SELECT * FROM audit_log LIMIT 0"])
def test_the_workstation_login_appends_to_the_audit_trail_but_never_rewrites_it(station, sql):
    station.locations.create({"location_code": "A1"})  # recorded as the workstation
    assert station.audit.verify().intact
    with pytest.raises(DBAPIError) as refused, station.db.engine.begin() as conn:
        conn.execute(text(sql))
    assert refused.value.orig.sqlstate == INSUFFICIENT_PRIVILEGE
    assert station.audit.verify().checked == 2  # the warehouse and the location


def test_the_workstation_login_imports_opening_stock_and_analyzes_it(station, monkeypatch):
    """The set-based posting of many lines (migration issue17d) and wms_analyze (issue17e)."""
    monkeypatch.setattr(data_import, "ANALYZE_ROWS", 20)
    products = "".join(f"P{i},T恤,黑色,M\n" for i in range(20))
    station.imports.products({"operator_id": "u"}, io.BytesIO(
        ("product_code,product_name,sku_color,sku_size\n" + products).encode()))
    stock = "".join(f"无货位,P{i}-黑色-M,{i + 1}\n" for i in range(20))
    report = station.imports.stock({"operator_id": "u"}, io.BytesIO(
        ("location_code,sku_code,stock_quantity\n" + stock).encode()))
    assert report.created == 20
    assert_ledger_matches_balances(station.db)
    with station.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT reltuples FROM pg_class WHERE relname = 'stock_balances'").scalar() == 20
