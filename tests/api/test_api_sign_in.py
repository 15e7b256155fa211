"""Sign-in over HTTP: JWT access tokens, rotating refresh tokens, revocation at once, throttling."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest
from sqlalchemy import delete, update

from tests.api.conftest import PASSWORD, bearer, refused, sign_in
from tests.api.server import ApiServer
from wms_desktop.db.schema import sign_in_failures, users
from wms_desktop.services import Services


def test_health_and_readiness(http):
    assert http.get("/health").json() == {"success": True, "data": {"status": "ok"}, "error_code": None,
                                          "error_message": None}
    ready = http.get("/ready").json()["data"]
    assert ready["status"] == "ready" and ready["schema_revision"]


def test_sign_in_gives_tokens_that_act_as_the_user_in_the_warehouse(http, server):
    tokens = sign_in(http, "cleo")
    assert (tokens["token_type"], tokens["user_name"], tokens["role"], tokens["warehouse_code"]) == (
        "Bearer", "cleo", "clerk", "WH01")
    assert tokens["expires_in"] == 900
    claims = jwt.decode(tokens["access_token"], server.key, algorithms=["HS256"], issuer="wms-desktop")
    assert (claims["sub"], claims["role"], claims["wh"], claims["typ"]) == ("cleo", "clerk", "WH01", "access")
    assert claims["exp"] - claims["iat"] == 900 and claims["jti"]
    me = http.get("/api/auth/me", headers=bearer(tokens)).json()["data"]
    assert me == {"user_name": "cleo", "role": "clerk", "warehouse_code": "WH01", "credential": "token"}
    other = sign_in(http, "cleo", warehouse_code="WH02")
    assert http.get("/api/auth/me", headers=bearer(other)).json()["data"]["warehouse_code"] == "WH02"


def test_wrong_password_unknown_user_and_unknown_warehouse(http):
    wrong = refused(http.post("/api/auth/login", json={"user_name": "wong", "password": "wrong horse"}),
                    401, "INVALID_CREDENTIALS", 11001)
    assert wrong["error_message"] == "Invalid username or password"
    refused(http.post("/api/auth/login", json={"user_name": "nobody", "password": "x"}), 401, "INVALID_CREDENTIALS")
    refused(http.post("/api/auth/login", json={"user_name": "wong", "password": PASSWORD, "warehouse_code": "WH99"}),
            404, "WAREHOUSE_NOT_FOUND", 13005)
    camel = refused(http.post("/api/auth/login", json={"userName": "wong", "password": PASSWORD}),
                    400, "INVALID_PARAMETERS", 14001)
    assert camel["details"]["field"] == "userName"


def test_missing_malformed_forged_and_expired_tokens_are_refused(http, server):
    answer = http.get("/api/auth/me")
    refused(answer, 401, "UNAUTHORIZED", 11003)
    assert answer.headers["www-authenticate"] == "Bearer"
    refused(http.get("/api/auth/me", headers={"Authorization": "Basic abc"}), 401, "UNAUTHORIZED")
    refused(http.get("/api/auth/me", headers={"Authorization": "Bearer not.a.token"}), 401, "TOKEN_INVALID", 11002)
    now = datetime.now(UTC)
    claims = {"iss": "wms-desktop", "sub": "cleo", "uid": 1, "role": "clerk", "wh": "WH01", "jti": "x",
              "typ": "access", "iat": now - timedelta(hours=1), "exp": now - timedelta(minutes=1)}
    expired = jwt.encode(claims, server.key, algorithm="HS256")
    refused(http.get("/api/auth/me", headers={"Authorization": f"Bearer {expired}"}), 401, "TOKEN_EXPIRED", 11002)
    claims["exp"] = now + timedelta(minutes=5)
    forged = jwt.encode(claims, "another key of at least thirty-two characters", algorithm="HS256")
    refused(http.get("/api/auth/me", headers={"Authorization": f"Bearer {forged}"}), 401, "TOKEN_INVALID")
    unsigned = jwt.encode(claims, None, algorithm="none")
    refused(http.get("/api/auth/me", headers={"Authorization": f"Bearer {unsigned}"}), 401, "TOKEN_INVALID")
    escalated = jwt.encode({**claims, "role": "admin"}, server.key, algorithm="HS256")  # only with the key
    refused(http.get("/api/auth/me", headers={"Authorization": f"Bearer {escalated}"}), 401, "TOKEN_REVOKED")
    tokens = sign_in(http, "cleo")
    refused(http.get("/api/auth/me", headers={"Authorization": f"Bearer {tokens['refresh_token']}"}),
            401, "TOKEN_INVALID")  # a refresh token is not an access token
    refused(http.post("/api/auth/refresh", json={"refresh_token": tokens["access_token"]}), 401, "TOKEN_INVALID")


def test_refresh_rotates_and_a_reused_refresh_token_revokes_the_family(http):
    first = sign_in(http, "rita")
    second = http.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]}).json()["data"]
    assert second["refresh_token"] != first["refresh_token"] and second["access_token"] != first["access_token"]
    assert http.get("/api/auth/me", headers=bearer(second)).status_code == 200
    third = http.post("/api/auth/refresh", json={"refresh_token": second["refresh_token"]}).json()["data"]
    # the used token shown again: someone replayed it — the whole family is revoked
    reused = refused(http.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]}),
                     401, "TOKEN_REVOKED", 11002)
    assert reused["details"]["reason"] == "reused"
    refused(http.post("/api/auth/refresh", json={"refresh_token": third["refresh_token"]}), 401, "TOKEN_REVOKED")
    # another sign-in is another family
    fresh = sign_in(http, "rita")
    out = http.post("/api/auth/logout", json={"refresh_token": fresh["refresh_token"]}).json()["data"]
    assert out == {"revoked_tokens": 1}
    refused(http.post("/api/auth/refresh", json={"refresh_token": fresh["refresh_token"]}), 401, "TOKEN_REVOKED")


def test_deactivating_a_user_or_changing_a_role_stops_their_tokens_at_once(http, api_db):
    otto = sign_in(http, "otto")
    assert http.get("/api/auth/me", headers=bearer(otto)).status_code == 200
    Services(api_db, "WH01").auth.set_active({"user_name": "otto", "is_active": False})
    refused(http.get("/api/auth/me", headers=bearer(otto)), 401, "USER_INACTIVE", 11006)
    refused(http.post("/api/auth/refresh", json={"refresh_token": otto["refresh_token"]}), 401, "USER_INACTIVE")
    Services(api_db, "WH01").auth.set_active({"user_name": "otto", "is_active": True})
    refused(http.post("/api/auth/refresh", json={"refresh_token": otto["refresh_token"]}), 401, "TOKEN_REVOKED")

    thea = sign_in(http, "thea")
    with api_db.engine.begin() as conn:  # an administrator makes her a supervisor
        conn.execute(update(users).where(users.c.user_name == "thea").values(role="supervisor"))
    refused(http.get("/api/auth/me", headers=bearer(thea)), 401, "TOKEN_REVOKED")
    refused(http.post("/api/auth/refresh", json={"refresh_token": thea["refresh_token"]}), 401, "TOKEN_REVOKED")
    assert sign_in(http, "thea")["role"] == "supervisor"


def test_a_user_is_refused_outside_their_warehouses(http, api_db):
    admin = Services(api_db, "WH01").auth
    east = sign_in(http, "wong", warehouse_code="WH02")
    admin.set_warehouses({"user_name": "wong", "warehouse_codes": ["WH01"]})
    try:  # taking a warehouse away stops the tokens of that warehouse at once
        refused(http.get("/api/auth/me", headers=bearer(east)), 403, "WAREHOUSE_NOT_ALLOWED", 12002)
        refused(http.post("/api/auth/refresh", json={"refresh_token": east["refresh_token"]}), 403,
                "WAREHOUSE_NOT_ALLOWED")
        refused(http.post("/api/auth/login", json={"user_name": "wong", "password": PASSWORD, "warehouse_code": "WH02"}),
                403, "WAREHOUSE_NOT_ALLOWED", 12002)
        assert sign_in(http, "wong")["warehouse_code"] == "WH01"
    finally:
        admin.set_warehouses({"user_name": "wong", "warehouse_codes": ["WH01", "WH02"]})


@pytest.fixture
def no_failures(api_db):
    def clear():
        with api_db.engine.begin() as conn:
            conn.execute(delete(sign_in_failures))
    clear()
    yield
    clear()


def test_failed_sign_ins_are_throttled_per_user_and_per_address(http, no_failures):
    for _ in range(5):
        refused(http.post("/api/auth/login", json={"user_name": "wong", "password": "guess"}), 401,
                "INVALID_CREDENTIALS")
    # the sixth attempt is refused before the password is checked: the right one too
    answer = http.post("/api/auth/login", json={"user_name": "wong", "password": PASSWORD})
    body = refused(answer, 429, "TOO_MANY_SIGN_IN_ATTEMPTS", 11008)
    assert body["details"]["subject"] == "user" and int(answer.headers["retry-after"]) > 0
    sign_in(http, "cleo")  # another user from the same address still may
    for i in range(15):  # with wong's five: twenty failures from this address
        refused(http.post("/api/auth/login", json={"user_name": f"guess{i}", "password": "guess"}), 401,
                "INVALID_CREDENTIALS")
    body = refused(http.post("/api/auth/login", json={"user_name": "cleo", "password": PASSWORD}), 429,
                   "TOO_MANY_SIGN_IN_ATTEMPTS")
    assert body["details"]["subject"] == "address"


def test_a_server_refuses_to_start_without_a_signing_key(api_db):
    import subprocess
    import sys

    from tests.api.server import ROOT

    env = {"PATH": "/usr/bin:/bin", "WMS_DATABASE_URL": str(api_db.url), "HOME": "/nonexistent",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = subprocess.run([sys.executable, "-m", "wms_desktop.cli", "serve", "--port", "0"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "WMS_API_JWT_KEY" in done.stderr
    short = subprocess.run([sys.executable, "-m", "wms_desktop.cli", "serve", "--port", "0"], cwd=ROOT,
                           env={**env, "WMS_API_JWT_KEY": "short"}, capture_output=True, text=True, timeout=60)
    assert short.returncode == 2 and "shorter than 32" in short.stderr


def test_two_servers_share_no_state_but_the_database(api_db, http, server):
    """Tokens from one server process work on another with the same key, and a refresh token
    rotated on one cannot be replayed on the other: sign-in state is the database's."""
    from tests.api.server import Station

    station = Station(api_db)
    other = ApiServer(station.url, key=server.key)
    try:
        first = sign_in(http, "sam")
        assert other.client.get("/api/auth/me", headers=bearer(first)).json()["data"]["user_name"] == "sam"
        rotated = other.client.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]})
        assert rotated.status_code == 200
        refused(http.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]}), 401, "TOKEN_REVOKED")
        refused(other.client.post("/api/auth/refresh", json={"refresh_token": rotated.json()["data"]["refresh_token"]}),
                401, "TOKEN_REVOKED")
    finally:
        other.stop()
        station.drop()
