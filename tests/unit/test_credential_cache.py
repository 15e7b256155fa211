"""The API's memory of credentials without a server (api/credentials.py): a remembered answer
is used only after the listener caught up, and only if no change was notified since; a lost
listener means no memory; a check that ran across a change is not kept, nor a refusal."""
from __future__ import annotations

import pytest

from wms_desktop.api.credentials import CredentialCache
from wms_desktop.domain.errors import WmsError


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def listening(cache: CredentialCache, pending: list[int] | None = None) -> list[int]:
    """The listener's sync: catches up with the ``pending`` notifications; counts its calls."""
    syncs: list[int] = []

    def sync() -> bool:
        syncs.append(1)
        while pending:
            pending.pop()
            cache.changed()
        return True

    cache.sync = sync
    return syncs


def counting(answer: object = "caller"):
    calls: list[int] = []

    def check():
        calls.append(1)
        return answer

    return check, calls


def test_a_remembered_answer_is_used_after_catching_up_with_notifications(clock):
    cache, (check, calls) = CredentialCache(10, clock), counting()
    pending: list[int] = []
    syncs = listening(cache, pending)
    assert cache.get("k", check) == cache.get("k", check) == cache.get("k", check) == "caller"
    assert (len(calls), len(syncs)) == (1, 2)  # asked once; each later use caught up first
    pending.append(1)  # a revocation committed; its notification not read yet
    cache.get("k", check)
    assert len(calls) == 2  # the catching up found it: asked again


def test_nothing_is_served_from_memory_while_the_listener_cannot_catch_up(clock):
    cache, (check, calls) = CredentialCache(10, clock), counting()
    for _ in range(3):  # not listening yet, or its connection lost
        cache.get("k", check)
    assert len(calls) == 3
    listening(cache)
    cache.get("k", check), cache.get("k", check)
    assert len(calls) == 3


def test_entries_expire(clock):
    cache, (check, calls) = CredentialCache(2, clock), counting()
    listening(cache)
    cache.get("k", check)
    clock.now += 1.5
    cache.get("k", check)
    assert len(calls) == 1
    clock.now += 1
    cache.get("k", check)
    assert len(calls) == 2


def test_a_check_that_ran_across_a_change_is_not_kept(clock):
    cache = CredentialCache(10, clock)
    listening(cache)
    calls: list[int] = []

    def check_during_a_change():
        calls.append(1)
        cache.changed()  # the revocation committed and was read while the database was asked
        return "caller"

    assert cache.get("k", check_during_a_change) == "caller"
    cache.get("k", check_during_a_change)
    assert len(calls) == 2


def test_refusals_are_never_kept_and_no_lifetime_means_no_memory(clock):
    cache = CredentialCache(10, clock)
    listening(cache)
    calls: list[int] = []

    def refuse():
        calls.append(1)
        raise WmsError("TOKEN_REVOKED")

    for _ in range(2):
        with pytest.raises(WmsError):
            cache.get("k", refuse)
    assert len(calls) == 2
    off, (check, counted) = CredentialCache(0, clock), counting()
    listening(off)
    off.get("k", check), off.get("k", check)
    assert len(counted) == 2
