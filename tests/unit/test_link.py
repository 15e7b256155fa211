"""The database link's pieces without a server: which driver errors mean the database cannot be
used (and why), what the connection asks of libpq and the server, which limits are coherent."""
from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from wms_desktop.db.link import NoAnswer, connect_args, unavailable
from wms_desktop.limits import DatabaseLimits


@pytest.mark.parametrize("error, connected, reason", [
    (psycopg.OperationalError("connection refused"), False, "cannot_connect"),
    (errors.lookup("57P03")("the database system is starting up"), False, "cannot_connect"),
    (errors.lookup("53300")("too many clients already"), False, "cannot_connect"),
    (psycopg.OperationalError("server closed the connection unexpectedly"), True, "connection_lost"),
    (psycopg.OperationalError("cannot exit pipeline mode while busy"), True, "connection_lost"),
    (psycopg.InterfaceError("the connection is closed"), True, "connection_lost"),
    (errors.lookup("08006")("connection failure"), True, "connection_lost"),
    (errors.AdminShutdown("terminating connection due to administrator command"), True, "terminated"),
    (errors.lookup("25P03")("terminating connection due to idle-in-transaction timeout"), True, "idle_timeout"),
    (errors.QueryCanceled("canceling statement due to statement timeout"), True, "statement_timeout"),
    (NoAnswer("no answer from the server within 6 s"), True, "no_answer"),
    # the database answered, about something else
    (errors.LockNotAvailable("canceling statement due to lock timeout"), True, None),
    (errors.DeadlockDetected("deadlock detected"), True, None),
    (errors.UniqueViolation("duplicate key"), True, None),
    (errors.PipelineAborted("pipeline aborted"), True, None),
    (ValueError("not from the driver"), True, None),
])
def test_which_errors_mean_the_database_cannot_be_used(error, connected, reason):
    assert unavailable(error, connected=connected) == reason


def test_the_connection_carries_every_bound():
    args = connect_args(DatabaseLimits())
    assert (args["connect_timeout"], args["keepalives"], args["tcp_user_timeout"]) == (3, 1, 6000)
    assert args["keepalives_idle"] + args["keepalives_interval"] * args["keepalives_count"] == 6  # dead peer: 6 s
    for setting in ("statement_timeout=5000", "lock_timeout=4000", "idle_in_transaction_session_timeout=4000",
                    "tcp_user_timeout=6000", "tcp_keepalives_idle=2"):
        assert f"-c {setting}" in args["options"]
    assert connect_args(DatabaseLimits(connect_timeout_ms=500))["connect_timeout"] == 2  # libpq's least


@pytest.mark.parametrize("wrong", [{"lock_timeout_ms": 5000}, {"connect_timeout_ms": 0}, {"dead_peer_ms": True},
                                   {"statement_timeout_ms": 2.5}])
def test_incoherent_limits_are_refused(wrong):
    with pytest.raises(ValueError):
        DatabaseLimits(**wrong)


def test_admin_steps_may_run_long_statements():
    admin = DatabaseLimits().for_admin()
    assert admin.statement_timeout_ms == 3_600_000 and admin.lock_timeout_ms == DatabaseLimits().lock_timeout_ms
    assert DatabaseLimits().answer_timeout_s == 6.0
