"""Document lifecycles: which action is allowed from which state, and the code of a refusal.

A document type (an ASN, an outbound order, a count task) declares its states and actions once:

    ASN = Lifecycle("asn", states=("pending", "receiving", "received", "closed", "cancelled"),
                    initial="pending", actions=(
        Action("edit", {"pending"}, code=16001),                  # stays pending
        Action("receive", {"pending", "receiving"}, "receiving", code=16021),
        Action("close", {"received"}, "closed", code=16022),
        Action("cancel", {"pending"}, "cancelled", code=16028)))

``lifecycle.check(action, state, number)`` returns the state the action leads to, or raises
INVALID_STATE_TRANSITION with the action's numeric code (the seed's 16000 family: 16000 by
default, 16001–16006 edits of a non-pending document, 16021 receive, …) and ``details:
document_type, document_number, state, action``. The services lock the document, check here,
then write (services/documents.py). Lines: :func:`check_lines` refuses a document without
lines (16016) and a line key given twice (16025).
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from .errors import WmsError

INVALID_TRANSITION = 16000  # the seed's "Invalid state transition"
NO_LINES = 16016
DUPLICATE_LINE = 16025


@dataclass(frozen=True)
class Action:
    """``name`` is allowed from ``sources``; it leads to ``target`` (None: the state stays, an
    edit). ``code``: the numeric code of its refusal."""

    name: str
    sources: frozenset[str]
    target: str | None = None
    code: int = INVALID_TRANSITION

    def __init__(self, name: str, sources: Iterable[str], target: str | None = None,
                 code: int = INVALID_TRANSITION) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "sources", frozenset(sources))
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "code", code)


@dataclass(frozen=True)
class Lifecycle:
    document_type: str
    states: tuple[str, ...]
    initial: str
    actions: tuple[Action, ...]
    final: frozenset[str] = field(default_factory=frozenset)  # states no action leaves

    def __post_init__(self) -> None:
        known = set(self.states)
        names = [a.name for a in self.actions]
        if self.initial not in known or len(set(names)) != len(names) or len(known) != len(self.states):
            raise ValueError(f"{self.document_type}: inconsistent lifecycle")
        for action in self.actions:
            if not action.sources <= known or (action.target is not None and action.target not in known):
                raise ValueError(f"{self.document_type}.{action.name}: unknown state")
        object.__setattr__(self, "final", frozenset(
            s for s in self.states if not any(s in a.sources and a.target not in (None, s) for a in self.actions)))

    def action(self, name: str) -> Action:
        found = next((a for a in self.actions if a.name == name), None)
        if found is None:
            raise ValueError(f"{self.document_type} has no action {name!r}")
        return found

    def allows(self, action: str, state: str) -> bool:
        return state in self.action(action).sources

    def check(self, action: str, state: str, document_number: str) -> str:
        """The state ``action`` leads to from ``state``; INVALID_STATE_TRANSITION if it may not."""
        found = self.action(action)
        if state not in found.sources:
            raise WmsError(
                "INVALID_STATE_TRANSITION",
                f"{action} cannot be performed on {self.document_type} {document_number} in state {state}",
                {"document_type": self.document_type, "document_number": document_number, "state": state,
                 "action": action},
                code=found.code,
            )
        return found.target or state

    def available(self, state: str) -> list[str]:
        """The actions allowed from ``state`` (what a screen offers)."""
        return [a.name for a in self.actions if state in a.sources]


def check_lines(document_type: str, document_number: str, keys: Iterable[Hashable],
                describe=lambda key: {"line_key": key}) -> None:
    """A document needs at least one line, and each line key (SKU and batch, location and SKU,
    …) once. ``describe(key)`` gives the snake_case details naming the duplicate."""
    seen: dict[Hashable, int] = {}
    for index, key in enumerate(keys):
        if key in seen:
            raise WmsError("DUPLICATE_DOCUMENT_LINE", details={
                "document_type": document_type, "document_number": document_number, "line_index": index,
                "first_line_index": seen[key], **describe(key)}, code=DUPLICATE_LINE)
        seen[key] = index
    if not seen:
        raise WmsError("DOCUMENT_HAS_NO_LINES", details={"document_type": document_type,
                                                          "document_number": document_number}, code=NO_LINES)
