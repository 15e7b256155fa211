"""Receiving against an advance shipping notice (ASN): its lifecycle, the over-receipt
tolerance and the reason codes a clerk gives for whatever differs from the notice.

    pending ──receive──▶ receiving ──finish──▶ received ──close──▶ closed
       └──cancel──▶ cancelled

An ASN is created, edited and cancelled only while pending; the first scanned receipt moves it
to receiving (a blind receipt without an ASN starts there). Seed codes: 16001 edit, 16021
receive, 16008 finish, 16022 close, 16028 cancel of a document in another state.
"""
from __future__ import annotations

from .documents import Action, Lifecycle

ASN = Lifecycle("asn", states=("pending", "receiving", "received", "closed", "cancelled"), initial="pending",
                actions=(
                    Action("edit", {"pending"}, code=16001),
                    Action("receive", {"pending", "receiving"}, "receiving", code=16021),
                    Action("finish", {"receiving"}, "received", code=16008),
                    Action("close", {"received"}, "closed", code=16022),
                    Action("cancel", {"pending"}, "cancelled", code=16028),
                ))

OVER_RECEIPT = 15005  # the seed's "not enough expected stock": more arrived than the notice allows
NOT_RECEIVED = 15006  # the seed's "not enough received stock": a correction beyond what was received

# Why a receipt differs from its notice (over-receipt, an item not on it, damage) or a line
# closes short: the clerk picks one; "other" wants a note.
REASON_CODES = ("supplier_overship", "substitute", "free_goods", "transit_damage", "packaging_damage",
                "supplier_short", "backorder", "other")

BLIND_RECEIPT_PREFIX = "BR-"  # the number of a receipt started without an ASN


def allowed_quantity(expected: int, tolerance_percent: int) -> int:
    """What a line may receive without an explicit over-receipt: expected plus the warehouse's
    tolerance, rounded down (10 % of 5 is 0: whole units only)."""
    return expected + expected * tolerance_percent // 100
