"""Throttled sign-in: too many failed sign-ins for one user name, or from one network address,
in the last window refuse the next attempt before its password is even checked.

The failures are rows of ``sign_in_failures`` (not process memory), so every workstation and
every API server process counts the same attempts. A successful sign-in forgets the user's
failures (not the address's: one address guessing many names stays throttled). Rows older
than the window are deleted as new ones are written.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, func, insert, select

from ..db.schema import sign_in_failures
from ..domain.errors import WmsError

WINDOW = timedelta(minutes=15)
USER_LIMIT = 5  # failed sign-ins per user name in the window
ADDRESS_LIMIT = 20  # per network address (the API's callers; the app gives none)


def subjects(user_name: str, address: str | None) -> list[tuple[str, int]]:
    """(subject, limit) for this attempt."""
    out = [(f"user:{user_name}", USER_LIMIT)]
    if address:
        out.append((f"address:{address}", ADDRESS_LIMIT))
    return out


def check(conn: Connection, attempt: list[tuple[str, int]]) -> None:
    """``TOO_MANY_SIGN_IN_ATTEMPTS`` (11008) when a subject reached its limit in the window."""
    since = datetime.now(UTC) - WINDOW
    for subject, limit in attempt:
        count, oldest = conn.execute(
            select(func.count(), func.min(sign_in_failures.c.failed_at))
            .where(sign_in_failures.c.subject == subject, sign_in_failures.c.failed_at > since)).one()
        if count >= limit:
            retry = max(1, int((_aware(oldest) + WINDOW - datetime.now(UTC)).total_seconds()) + 1)
            raise WmsError("TOO_MANY_SIGN_IN_ATTEMPTS", details={
                "subject": subject.split(":", 1)[0], "failed_attempts": count, "retry_after_seconds": retry})


def record(conn: Connection, attempt: list[tuple[str, int]]) -> None:
    stamp = datetime.now(UTC)
    for subject, _limit in attempt:
        conn.execute(delete(sign_in_failures).where(sign_in_failures.c.subject == subject,
                                                    sign_in_failures.c.failed_at <= stamp - WINDOW))
        conn.execute(insert(sign_in_failures).values(subject=subject, failed_at=stamp))


def forget_user(conn: Connection, user_name: str) -> None:
    conn.execute(delete(sign_in_failures).where(sign_in_failures.c.subject == f"user:{user_name}"))


def _aware(stamp: datetime) -> datetime:
    """SQLite hands back naive UTC stamps."""
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)
