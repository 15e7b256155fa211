"""The audit trail on both backends: a record for each kind of change (who, workstation, before
and after), UPDATE and DELETE refused by the database, a tampered or removed row found by
verify, and the command line's ``audit verify``."""
from __future__ import annotations

import json
import multiprocessing

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from tests.conftest import WAREHOUSE
from wms_desktop.cli import main
from wms_desktop.contract.audit import AuditVerified
from wms_desktop.db.engine import Database
from wms_desktop.db.schema import audit_log
from wms_desktop.domain.documents import Action, Lifecycle
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services, create_warehouse, documents
from wms_desktop.services.audit import CHAINS, WORKSTATION, append, chain_of, verify
from wms_desktop.services.lookup import Warehouse
from wms_desktop.services.unit import Scope

TRIAL = Lifecycle("trial", states=("pending", "working"), initial="pending",
                  actions=(Action("start", {"pending"}, "working"),))


def trail(services: Services, subject_type: str, subject_id: int) -> list[tuple]:
    """Oldest first: (action, actor, before, after) with the JSON decoded."""
    items = services.audit.trail({"subject_type": subject_type, "subject_id": subject_id}).items
    return [(e.action, e.actor, json.loads(e.before) if e.before else None, json.loads(e.after) if e.after else None)
            for e in reversed(items)]


def test_catalogue_changes_are_recorded_with_who_and_what(services):
    services.auth.create_user({"user_name": "boss", "password": "long enough", "display_name": "主管",
                               "role": "supervisor"})
    boss = services.acting_as("boss", "supervisor")
    product = boss.catalog.create_product({"product_code": "P1", "product_name": "衬衫", "skus": [
        {"sku_code": "P1-红-M", "sku_color": "红", "sku_size": "M", "external_codes": ["690001"]}]})
    boss.catalog.update_product({"product_id": product.product_id, "product_name": "新衬衫", "low_stock_threshold": 5})
    boss.catalog.create_sku({"product_code": "P1", "sku_code": "P1-蓝-L", "sku_color": "蓝", "sku_size": "L"})
    boss.catalog.update_sku({"sku_code": "P1-蓝-L", "weight_grams": 180})
    boss.catalog.add_external_codes({"sku_code": "P1-红-M", "external_code": "690002"})
    boss.catalog.remove_external_code({"sku_code": "P1-红-M", "external_code": "690001"})
    boss.catalog.delete_sku({"sku_code": "P1-蓝-L"})
    services.catalog.delete_product({"product_id": product.product_id, "operator_id": "cli-op"})
    steps = trail(services, "product", product.product_id)
    assert [(action, actor) for action, actor, _, _ in steps] == [
        ("create", "boss"), ("update", "boss"), ("create_sku", "boss"), ("update_sku", "boss"),
        ("add_external_codes", "boss"), ("remove_external_code", "boss"), ("delete_sku", "boss"),
        ("delete", "cli-op")]
    created = steps[0][3]
    assert created["product_name"] == "衬衫" and created["skus"]["P1-红-M"]["external_codes"] == ["690001"]
    assert steps[1][2:] == ({"low_stock_threshold": -1, "product_name": "衬衫"},
                            {"low_stock_threshold": 5, "product_name": "新衬衫"})
    assert steps[3][2:] == ({"skus": {"P1-蓝-L": {"weight_grams": None}}}, {"skus": {"P1-蓝-L": {"weight_grams": 180}}})
    assert steps[5][2:] == ({"skus": {"P1-红-M": {"external_codes": ["690001", "690002"]}}},
                            {"skus": {"P1-红-M": {"external_codes": ["690002"]}}})
    assert steps[6][2]["skus"]["P1-蓝-L"]["sku_size"] == "L" and steps[6][3] == {"skus": {}}
    assert steps[7][2:] == ({"is_deleted": False, "skus": {"P1-红-M": {
        "external_codes": ["690002"], "image_path": None, "scan_code": "S000001", "sku_color": "红", "sku_size": "M",
        "weight_grams": None}}},
        {"is_deleted": True, "skus": {}})
    entry = services.audit.trail({"subject_type": "product", "subject_id": product.product_id}).items[0]
    assert entry.workstation == WORKSTATION and entry.recorded_at.endswith("Z") and entry.entity_code == "P1"


def test_locations_users_warehouses_and_documents_are_recorded(services):
    place = services.locations.create({"location_code": "A1"})
    services.locations.update({"location_code": "A1", "location_name": "货架 A1", "is_active": False})
    services.locations.update({"location_code": "A1"})  # nothing changed: nothing recorded
    services.locations.delete({"location_code": "A1"})
    assert [(a, b, c) for a, _, b, c in trail(services, "location", place.location_id)] == [
        ("create", None, {"is_active": True, "location_code": "A1", "location_name": None,
                          "location_type": "storage", "scan_code": "L000002"}),
        ("update", {"is_active": True, "location_name": None}, {"is_active": False, "location_name": "货架 A1"}),
        ("delete", {"is_active": False, "location_code": "A1", "location_name": "货架 A1", "location_type": "storage",
                    "scan_code": "L000002"}, None)]
    user = services.auth.create_user({"user_name": "li.wei", "password": "correct horse", "display_name": "李伟",
                                      "role": "clerk"})
    services.auth.set_active({"user_name": "li.wei", "is_active": False})
    services.auth.set_active({"user_name": "li.wei", "is_active": True})
    services.auth.change_password({"user_name": "li.wei", "old_password": "correct horse",
                                   "new_password": "battery staple"})
    steps = trail(services, "user", user.user_id)
    assert [s[0] for s in steps] == ["create", "set_active", "set_active", "change_password"]
    assert steps[0][3] == {"display_name": "李伟", "is_active": True, "role": "clerk", "user_name": "li.wei",
                           "warehouse_codes": [WAREHOUSE]}
    assert steps[3][2:] == ({}, {"password_changed": True})
    assert "battery" not in json.dumps(steps) and "$argon2" not in json.dumps(steps)
    made = create_warehouse(services.db, {"warehouse_code": "WH2", "warehouse_name": "二号仓"})
    assert trail(services, "warehouse", made.warehouse_id) == [
        ("create", "system", None, {"is_active": True, "warehouse_code": "WH2", "warehouse_name": "二号仓"})]
    services.alerts.set_expiry_days({"expiry_alert_days": 10})
    home = services.db.run(lambda conn: Warehouse(WAREHOUSE).id(conn), write=False)
    assert trail(services, "warehouse", home)[-1] == ("update", "system", {"expiry_alert_days": 30},
                                                      {"expiry_alert_days": 10})
    scope = Scope(services.db, Warehouse(WAREHOUSE), services.actor)
    doc = scope.write(lambda uow: documents.create(uow, TRIAL, "T-1", "wang.fang"))
    scope.write(lambda uow: documents.act(uow, TRIAL, documents.find(uow, TRIAL, doc.document_id), "start", "wang.fang"))
    assert trail(services, "document", doc.document_id) == [
        ("create", "wang.fang", None, {"state": "pending", "version": 1}),
        ("start", "wang.fang", {"state": "pending", "version": 1}, {"state": "working", "version": 2})]
    assert verify(services.db).intact


def test_a_refused_edit_leaves_no_record(services):
    """The product's update was recorded, then a later step of the same edit was refused."""
    product = services.catalog.create_product({"product_code": "P1", "product_name": "p", "operator_id": "u"})
    before = services.audit.verify().checked
    with pytest.raises(WmsError) as refused:
        services.catalog.save_product({"update": {"product_id": product.product_id, "product_name": "改"},
                                       "deleted_skus": ["P9"], "operator_id": "u"})
    assert refused.value.details["step"] == "deleted_skus[0]"
    assert services.audit.verify().checked == before


def test_the_database_refuses_to_change_or_remove_audit_rows(services):
    services.locations.create({"location_code": "A1"})
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError), services.db.engine.begin() as conn:
            conn.execute(text(statement))
    assert verify(services.db).intact


def tamper(db: Database, statement: str) -> None:
    """What only the database's owner could do: switch the guards off and rewrite history."""
    with db.engine.begin() as conn:
        if db.is_sqlite:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        else:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text(statement))


@pytest.fixture
def history(services):
    """A location created and renamed three times: four rows of one chain (the location's)."""
    place = services.locations.create({"location_code": "A1"})
    for name in ("一", "二", "三"):
        services.locations.update({"location_code": "A1", "location_name": name})
    found = verify(services.db)
    assert (found.intact, found.checked) == (True, 5)  # the warehouse's row too
    services.rows = services.db.run(lambda conn: list(conn.execute(
        select(audit_log.c.audit_id).where(audit_log.c.subject == f"location:{place.location_id}")
        .order_by(audit_log.c.audit_id)).scalars()), write=False)
    services.chain = chain_of(f"location:{place.location_id}")
    return services


def test_verify_names_a_row_whose_content_was_changed(history):
    tamper(history.db, f"UPDATE audit_log SET actor = 'nobody' WHERE audit_id = {history.rows[1]}")
    found = verify(history.db)
    assert (found.intact, found.first_broken, found.chain, found.reason, found.checked) == (
        False, history.rows[1], history.chain, "content", 2)


def test_verify_names_the_next_row_when_a_row_was_rewritten_with_a_fresh_hash(history):
    from wms_desktop.services.audit import row_hash

    row = history.db.run(lambda conn: dict(conn.execute(select(audit_log).where(
        audit_log.c.audit_id == history.rows[1])).one()._mapping), write=False)
    forged = row_hash({**row, "actor": "nobody"})
    tamper(history.db, f"UPDATE audit_log SET actor = 'nobody', row_hash = '{forged}'"
                       f" WHERE audit_id = {history.rows[1]}")
    found = verify(history.db)
    assert (found.first_broken, found.reason) == (history.rows[2], "link")


@pytest.mark.parametrize(("removed", "broken", "reason"), [(1, 2, "link"), (3, 3, "missing")],
                         ids=["middle", "last"])
def test_verify_names_a_removed_row(history, removed, broken, reason):
    tamper(history.db, f"DELETE FROM audit_log WHERE audit_id = {history.rows[removed]}")
    found = verify(history.db)
    assert (found.intact, found.first_broken, found.reason) == (False, history.rows[broken], reason)


def test_verify_names_a_rewritten_head(history):
    tamper(history.db, f"UPDATE audit_head SET last_hash = '{'f' * 64}' WHERE chain = {history.chain}")
    found = verify(history.db)
    assert (found.intact, found.first_broken, found.chain, found.reason) == (False, history.rows[3], history.chain,
                                                                             "head")


def test_a_row_moved_to_another_chain_breaks_both(history):
    other = history.chain % CHAINS + 1
    tamper(history.db, f"UPDATE audit_log SET chain = {other} WHERE audit_id = {history.rows[1]}")
    found = verify(history.db)
    assert (found.intact, found.first_broken) == (False, history.rows[1])


def test_rows_of_any_text_hash_alike_on_both_backends(services):
    """PostgreSQL chains and hashes in wms_audit_append; verify hashes in Python: JSON escapes,
    control characters and Chinese must come out the same."""
    odd = 'q"uo\\te\n\t\x01\x1f\x7f 中文 \u2028 é/'
    services.db.run(lambda conn: append(conn, None, odd, [
        {"subject": odd, "entity_type": "product", "entity_code": odd, "action": "x", "before": odd, "after": None},
        {"subject": "product:1", "entity_type": "product", "entity_code": None, "action": "y", "before": None,
         "after": '{"a":"\\u00e9"}'}]))
    assert verify(services.db) == AuditVerified(checked=3, intact=True)


def test_a_subject_keeps_its_chain_on_both_backends(pg):
    subjects = ["document:9", "product:17", "location:1", "user:3", "warehouse:1", "document:123456789"]
    with pg.engine.connect() as conn:
        found = [conn.exec_driver_sql("SELECT wms_audit_chain(%s)", (s,)).scalar_one() for s in subjects]
    assert found == [chain_of(s) for s in subjects]
    assert len(set(found)) > 1


def test_appends_to_other_chains_do_not_wait(pg):
    """A transaction holding one chain's lock does not hold up an append to another chain."""
    first, other = "document:1", next(f"document:{n}" for n in range(2, 200)
                                      if chain_of(f"document:{n}") != chain_of("document:1"))
    change = {"entity_type": "document", "entity_code": "X", "action": "test", "before": None, "after": "{}"}
    with pg.engine.begin() as holding:
        append(holding, None, "a", [{**change, "subject": first}])
        with pg.engine.begin() as conn:
            conn.exec_driver_sql("SET LOCAL lock_timeout = '500ms'")
            append(conn, None, "b", [{**change, "subject": other}])
    assert verify(pg).intact


def test_the_command_line_verifies_the_chain(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'audit.sqlite3'}"
    assert main(["--database-url", url, "db", "upgrade"]) == 0
    assert main(["--database-url", url, "warehouse", "add", "WH01", "主仓库"]) == 0
    capsys.readouterr()
    assert main(["--database-url", url, "audit", "verify"]) == 0
    assert json.loads(capsys.readouterr().out) == {"checked": 1, "intact": True, "first_broken": None,
                                                   "chain": None, "reason": None}
    db = Database(url)
    tamper(db, "UPDATE audit_log SET after = '{}' WHERE audit_id = 1")
    db.dispose()
    assert main(["--database-url", url, "audit", "verify"]) == 1
    assert json.loads(capsys.readouterr().out)["first_broken"] == 1


def create_locations(url: str, prefix: str, count: int) -> None:
    """A workstation (a spawned process) creating locations one by one."""
    db = Database(url)
    try:
        services = Services(db, WAREHOUSE)
        for n in range(count):
            services.locations.create({"location_code": f"{prefix}{n}"})
    finally:
        db.dispose()


def test_workstations_appending_at_once_keep_the_chains_whole(pg):
    spawn = multiprocessing.get_context("spawn")
    workers = [spawn.Process(target=create_locations, args=(str(pg.url), f"W{i}-", 15)) for i in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    found = verify(pg)
    assert (found.intact, found.checked) == (True, 1 + 4 * 15)


def test_an_import_records_what_it_created_as_the_catalogue_shows_it(services):
    import io

    from wms_desktop.services.catalog import audit_state

    services.catalog.create_product({"product_code": "OLD", "product_name": "旧", "operator_id": "u", "skus": [
        {"sku_code": "OLD-红-M", "sku_color": "红", "sku_size": "M"}]})
    csv = ("product_code,product_name,sku_color,sku_size,external_codes,weight_grams,low_stock_threshold\n"
           "N1,新品,黑,L,690001|690002,120,4\nN1,新品,黑,XL,,,4\nN2,无规格,,,690003,,\nOLD,旧,蓝,S,,,\n")
    services.imports.products({"mode": "skip", "operator_id": "importer"}, io.BytesIO(csv.encode()))
    ids = {p.product_code: p.product_id for p in services.catalog.list_products({}).data}
    for code in ("N1", "N2"):
        ((action, actor, before, after),) = trail(services, "product", ids[code])
        assert (action, actor, before) == ("create", "importer", None)
        assert after == json.loads(json.dumps(services.db.run(lambda conn, c=code: audit_state(conn, ids[c]),
                                                              write=False)))
    assert trail(services, "product", ids["OLD"])[-1][:2] == ("create_sku", "importer")
    assert verify(services.db).intact
