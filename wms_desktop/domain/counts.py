"""Count tasks: their lifecycle, the reasons a variance is approved or rejected with, and when a
counted line goes to a recount.

A supervisor creates a task over locations; counters count it blind, location by location
(``counting``); when the last location is counted the task is ``counted``; a supervisor who
did not count a line decides each variance, approves the task, and posts it: the approved
variances become count movements referencing the task (``posted``).
"""
from __future__ import annotations

from .documents import Action, Lifecycle

COUNT = Lifecycle("count", states=("pending", "counting", "counted", "approved", "posted", "cancelled"),
                  initial="pending", actions=(
    Action("start", {"pending", "counting"}, "counting", code=16007),  # a location's count starts
    Action("scan", {"counting"}, code=16009),  # counted quantities are added (checked, no event)
    Action("finish_location", {"counting"}, code=16008),  # checked only; the last one finishes the task
    Action("finish", {"counting"}, "counted", code=16008),
    Action("decide", {"counted"}, code=16018),  # a variance approved or rejected
    Action("approve", {"counted"}, "approved", code=16018),
    Action("post", {"approved"}, "posted", code=16019),
    Action("cancel", {"pending", "counting", "counted", "approved"}, "cancelled", code=16028)))

# why a variance is what it is (the approval's reason code)
REASONS = ("miscount", "damaged", "lost", "found", "misplaced", "unrecorded_receipt", "unrecorded_shipment",
           "other")
DECISIONS = ("approve", "reject")
SCOPES = ("range", "prefix", "list", "skus", "cycle")

# count_locations.state: a location waits, is being counted by one counter, waits for a recount
# of some of its lines, or is counted
LOCATION_STATES = ("pending", "counting", "recount", "counted")
RECOUNT_ROUND = 2  # a line is recounted once; the recount's result goes to approval


def needs_recount(variance: int, expected: int, tolerance_units: int, tolerance_percent: int) -> bool:
    """A first count's variance beyond both tolerances (units, and percent of the expected
    quantity) is counted again."""
    size = abs(variance)
    return size > tolerance_units and size * 100 > tolerance_percent * expected
