"""Each server process remembers the credentials the database accepted a moment ago
(api/credentials.py) and forgets them as soon as PostgreSQL notifies a change — in every
process, before the next request: a deactivated user, a warehouse taken away, a revoked key
are refused at once, however warm the memory. Against a real server with two processes and
several keep-alive connections."""
from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import update

from tests.api.conftest import bearer, refused, sign_in
from tests.api.server import ApiServer, Station
from wms_desktop.db.schema import api_keys
from wms_desktop.services import Services

CONNECTIONS = 4


@pytest.fixture(scope="module")
def station(api_db) -> Iterator[Station]:
    login = Station(api_db)
    yield login
    login.drop()


@pytest.fixture(scope="module")
def pair(station) -> Iterator[ApiServer]:
    running = ApiServer(station.url, workers=2)
    yield running
    running.stop()


@pytest.fixture
def clients(pair) -> Iterator[list[httpx.Client]]:
    opened = [httpx.Client(base_url=pair.base_url, timeout=30) for _ in range(CONNECTIONS)]
    yield opened
    for client in opened:
        client.close()


def me(client: httpx.Client, headers: dict[str, str]) -> httpx.Response:
    return client.get("/api/auth/me", headers=headers)


def warm(clients: list[httpx.Client], *credentials: dict[str, str]) -> None:
    for _ in range(3):
        for client in clients:
            for headers in credentials:
                assert me(client, headers).status_code == 200


def key(api_db, warehouse_code: str = "WH01") -> dict[str, str]:
    return {"X-API-Key": Services(api_db, warehouse_code).api_keys.add({"name": "ERP", "role": "clerk"}).api_key}


def key_id(headers: dict[str, str]) -> str:
    return headers["X-API-Key"].removeprefix("wmsk_").partition("_")[0]


def unnoticed(api_db, headers: dict[str, str]) -> None:
    """Break a key in the database without a notification (triggers off for this session):
    only a process that reads the database sees it."""
    with api_db.engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        conn.execute(update(api_keys).where(api_keys.c.key_id == key_id(headers)).values(secret_hash="0" * 64))


def test_a_deactivated_user_a_warehouse_taken_away_and_a_revoked_key_are_refused_at_once(api_db, pair, clients):
    admin = Services(api_db, "WH01")
    otto, east, system = bearer(sign_in(pair.client, "otto")), bearer(sign_in(pair.client, "wong", warehouse_code="WH02")), key(api_db)
    warm(clients, otto, east, system)

    admin.auth.set_active({"user_name": "otto", "is_active": False})
    try:
        for client in clients:
            refused(me(client, otto), 401, "USER_INACTIVE", 11006)
    finally:
        admin.auth.set_active({"user_name": "otto", "is_active": True})

    admin.auth.set_warehouses({"user_name": "wong", "warehouse_codes": ["WH01"]})
    try:
        for client in clients:
            refused(me(client, east), 403, "WAREHOUSE_NOT_ALLOWED", 12002)
    finally:
        admin.auth.set_warehouses({"user_name": "wong", "warehouse_codes": ["WH01", "WH02"]})

    admin.api_keys.revoke({"key_id": key_id(system)})
    for client in clients:
        refused(me(client, system), 401, "TOKEN_REVOKED", 11002)
        assert me(client, otto).status_code == me(client, east).status_code == 200  # the others work again


def test_a_role_s_permissions_taken_away_stop_its_remembered_callers_at_once(api_db, pair, clients):
    system = Services(api_db, "WH01")
    system.roles.create({"role_code": "mapper", "role_name": "Mapper", "permissions": ["edit_locations"]})
    mapper = {"X-API-Key": system.api_keys.add({"name": "GIS", "role": "mapper"}).api_key}
    warm(clients, mapper)
    for n, client in enumerate(clients):
        assert client.post("/api/locations", headers=mapper, json={"location_code": f"M-{n}"}).status_code == 201
    system.roles.update({"role_code": "mapper", "permissions": []})
    for n, client in enumerate(clients):
        refused(client.post("/api/locations", headers=mapper, json={"location_code": f"N-{n}"}), 403,
                "PERMISSION_DENIED")


def test_a_remembered_credential_is_not_read_again_until_a_change_is_notified(api_db, pair):
    system = key(api_db)
    warm([pair.client], system)
    unnoticed(api_db, system)
    assert me(pair.client, system).status_code == 200  # remembered: the database was not asked
    Services(api_db, "WH01").api_keys.revoke({"key_id": key_id(key(api_db))})  # another key: any change
    refused(me(pair.client, system), 401, "TOKEN_INVALID")


def test_a_lost_listener_forgets_and_nothing_is_remembered_until_it_is_back(api_db, station, pair):
    remembered = key(api_db)
    warm([pair.client], remembered)
    with api_db.engine.begin() as conn:  # the listeners lose their connections and cannot come back
        conn.exec_driver_sql(f"ALTER ROLE {station.login} NOLOGIN")
        listeners = conn.exec_driver_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s"
            " AND application_name = 'listen wms_credentials'", (station.login,)).all()
    try:
        assert listeners  # the one of the process that serves this client, at least
        unnoticed(api_db, remembered)
        refused(me(pair.client, remembered), 401, "TOKEN_INVALID")  # the listener could not catch up
        fresh = key(api_db)
        warm([pair.client], fresh)
        unnoticed(api_db, fresh)
        refused(me(pair.client, fresh), 401, "TOKEN_INVALID")  # nothing was remembered meanwhile
    finally:
        with api_db.engine.begin() as conn:
            conn.exec_driver_sql(f"ALTER ROLE {station.login} LOGIN")

    def remembers_again() -> bool:
        again = key(api_db)
        warm([pair.client], again)
        unnoticed(api_db, again)
        return me(pair.client, again).status_code == 200

    assert until(remembers_again, timeout_s=15), "the listener did not come back"


def until(condition, timeout_s: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False
