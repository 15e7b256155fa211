"""Document lifecycles: which action is allowed from which state, and the code a refusal
carries (domain/documents.py)."""
from __future__ import annotations

import pytest

from wms_desktop.domain.documents import Action, Lifecycle, check_lines
from wms_desktop.domain.errors import WmsError

TRIAL = Lifecycle("trial", states=("pending", "working", "done", "closed", "cancelled"), initial="pending", actions=(
    Action("edit", {"pending"}, code=16001),
    Action("start", {"pending", "working"}, "working", code=16021),
    Action("finish", {"working"}, "done", code=16008),
    Action("close", {"done"}, "closed", code=16022),
    Action("cancel", {"pending"}, "cancelled", code=16028),
    Action("reopen", {"done"}, "working"),
))


def refusal(action: str, state: str) -> WmsError:
    with pytest.raises(WmsError) as caught:
        TRIAL.check(action, state, "T-1")
    return caught.value


def test_allowed_actions_lead_to_their_state_and_edits_keep_it():
    assert TRIAL.check("start", "pending", "T-1") == "working"
    assert TRIAL.check("start", "working", "T-1") == "working"
    assert TRIAL.check("edit", "pending", "T-1") == "pending"
    assert TRIAL.check("close", "done", "T-1") == "closed"
    assert TRIAL.available("pending") == ["edit", "start", "cancel"]
    assert TRIAL.final == {"closed", "cancelled"}


@pytest.mark.parametrize("action, state, code", [
    ("edit", "working", 16001), ("start", "closed", 16021), ("finish", "pending", 16008),
    ("close", "working", 16022), ("cancel", "done", 16028), ("reopen", "cancelled", 16000)])
def test_a_refused_action_names_the_document_state_and_action_with_its_code(action, state, code):
    error = refusal(action, state)
    assert (error.error_code, error.code) == ("INVALID_STATE_TRANSITION", code)
    assert error.details == {"document_type": "trial", "document_number": "T-1", "state": state, "action": action}


def test_a_lifecycle_that_names_unknown_states_or_actions_is_a_developer_error():
    with pytest.raises(ValueError):
        Lifecycle("bad", states=("a",), initial="a", actions=(Action("go", {"a"}, "b"),))
    with pytest.raises(ValueError):
        TRIAL.check("fly", "pending", "T-1")


def test_lines_must_exist_and_each_key_come_once():
    check_lines("trial", "T-1", [("SKU-1", ""), ("SKU-1", "B1")])
    with pytest.raises(WmsError) as caught:
        check_lines("trial", "T-1", [])
    assert (caught.value.error_code, caught.value.code) == ("DOCUMENT_HAS_NO_LINES", 16016)
    with pytest.raises(WmsError) as caught:
        check_lines("trial", "T-1", [("A", ""), ("B", ""), ("A", "")],
                    describe=lambda key: {"sku_code": key[0], "batch_number": key[1] or None})
    assert (caught.value.error_code, caught.value.code) == ("DUPLICATE_DOCUMENT_LINE", 16025)
    assert caught.value.details == {"document_type": "trial", "document_number": "T-1", "line_index": 2,
                                    "first_line_index": 0, "sku_code": "A", "batch_number": None}
