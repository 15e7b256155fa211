"""API tests: a real uvicorn process (``wms-desktop serve``) on loopback, signed in to the test
PostgreSQL as a workstation login, and an HTTP client (httpx). The database is filled once per
module; tests use their own codes and users where they change things."""
from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from argon2 import PasswordHasher

from tests.api.server import ApiServer, Station
from tests.conftest import WAREHOUSE, reset_postgres
from wms_desktop.db.engine import Database
from wms_desktop.services import Services, create_warehouse

PASSWORD = "correct horse battery"
USERS = {"ada": "admin", "sam": "supervisor", "cleo": "clerk", "wong": "clerk", "rita": "clerk",
         "otto": "clerk", "thea": "clerk"}


def seed(db: Database) -> None:
    reset_postgres(db)
    create_warehouse(db, {"warehouse_code": WAREHOUSE, "warehouse_name": "主仓库"})
    create_warehouse(db, {"warehouse_code": "WH02", "warehouse_name": "东仓"})
    services = Services(db, WAREHOUSE)
    services.auth.hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # quick to make
    for name, role in USERS.items():
        services.auth.create_user({"user_name": name, "password": PASSWORD, "display_name": name, "role": role,
                                   "warehouse_codes": [WAREHOUSE, "WH02"]})
    for code in ("西8排1架6层4位", "西8排2架6层4位", "A01-01-01"):
        services.locations.create({"location_code": code})
    Services(db, "WH02").locations.create({"location_code": "E-01"})
    services.catalog.create_product({
        "product_code": "129092", "product_name": "T恤", "operator_id": "seed",
        "skus": [{"sku_code": f"129092-{c}-{s}", "sku_color": c, "sku_size": s}
                 for c in ("黄色", "黑色") for s in ("M", "XL")]})
    services.inventory.inbound({"product_code": "129092", "sku_code": "129092-黄色-M",
                                "location_code": "西8排1架6层4位", "stock_quantity": 100, "operator_id": "seed"})


@pytest.fixture(scope="module")
def api_db(pg_db) -> Database:
    seed(pg_db)
    return pg_db


@pytest.fixture(scope="module")
def server(api_db) -> Iterator[ApiServer]:
    station = Station(api_db)
    running = ApiServer(station.url)
    yield running
    running.stop()
    station.drop()


@pytest.fixture(scope="module")
def http(server) -> httpx.Client:
    return server.client


def sign_in(http: httpx.Client, user_name: str, **extra) -> dict:
    answer = http.post("/api/auth/login", json={"user_name": user_name, "password": PASSWORD, **extra})
    assert answer.status_code == 200, answer.text
    return answer.json()["data"]


def bearer(tokens: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def refused(answer: httpx.Response, status: int, error_code: str, code: int | None = None) -> dict:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["success"] is False and body["data"] is None and body["error_code"] == error_code, body
    if code is not None:
        assert body["code"] == code, body
    assert set(body) == {"success", "data", "error_code", "code", "error_message", "details"}
    return body
