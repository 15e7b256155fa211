"""The credentials' notifications on PostgreSQL (db/notices.py, migration issue16b): what
changes a credential notifies, what does not, nothing before commit; a catch-up reads every
notification committed before it was asked for."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import update

from tests.conftest import WAREHOUSE, reset_postgres
from wms_desktop.db.schema import users
from wms_desktop.services import Services, create_warehouse
from wms_desktop.services.sessions import Sessions

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def heard(pg_db):
    reset_postgres(pg_db)
    create_warehouse(pg_db, {"warehouse_code": WAREHOUSE, "warehouse_name": "主仓库"})
    Services(pg_db, WAREHOUSE).auth.create_user({"user_name": "mei", "password": "correct horse battery",
                                                 "display_name": "Mei", "role": "clerk"})
    count: list[int] = []
    notices = Sessions(pg_db, WAREHOUSE).notices(lambda: count.append(1))
    assert notices is not None and notices.sync() and count == [1]  # connected: whatever came before is unknown
    yield notices, count
    notices.close()


def test_a_committed_change_is_read_by_the_next_catch_up_and_nothing_else(pg_db, heard):
    notices, count = heard
    admin = Services(pg_db, WAREHOUSE)
    with pg_db.engine.begin() as conn:  # a user's other columns: nothing
        conn.execute(update(users).where(users.c.user_name == "mei").values(display_name="Mei Li"))
    with pg_db.engine.connect() as conn:  # rolled back: nothing
        conn.execute(update(users).where(users.c.user_name == "mei").values(is_active=False))
        conn.rollback()
    assert notices.sync() and count == [1]
    admin.auth.set_active({"user_name": "mei", "is_active": False})
    assert notices.sync() and len(count) == 2
    admin.api_keys.revoke({"key_id": admin.api_keys.add({"name": "ERP", "role": "clerk"}).key.key_id})
    assert notices.sync() and len(count) == 3


def test_callers_at_once_all_catch_up(heard):
    notices, _count = heard
    results: list[bool] = []
    threads = [threading.Thread(target=lambda: results.append(notices.sync())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results == [True] * 8
