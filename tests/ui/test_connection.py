"""The database link in the app: the status bar says reachable, slow or unreachable; database
work is refused at once while unreachable; when the link is back, a posting whose answer was
lost is offered again and settles with its own request_id — posted once."""
from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import PG_URL, WAREHOUSE
from tests.faults.conftest import QUICK, open_shop
from tests.faults.proxy import FaultProxy
from wms_desktop.db.engine import Database
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services
from wms_desktop.ui.connection import REACHABLE, SLOW, UNREACHABLE, DatabaseLink
from wms_desktop.ui.dialogs import TransferDialog
from wms_desktop.ui.ops import IO_POOL
from wms_desktop.ui.session import AppContext, Session
from wms_desktop.ui.status import StatusBar


class Server:
    """A probe whose answer the test chooses: a round trip in seconds, or down."""

    def __init__(self) -> None:
        self.round_trip_s: float | None = 0.002

    def __call__(self) -> float:
        if self.round_trip_s is None:
            raise WmsError("DATABASE_UNAVAILABLE", details={"reason": "cannot_connect", "database": "db-host"})
        return self.round_trip_s


@pytest.fixture
def link(qtbot, runner):
    server = Server()
    database_link = DatabaseLink(server, runner, interval_ms=60_000, retry_ms=60_000, slow_s=0.5)
    database_link.server = server
    yield database_link
    database_link.stop()


def test_the_status_bar_follows_the_link(qtbot, link):
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.set_context(None, WAREHOUSE, "postgresql+psycopg://wms@db-host:5432/wms")
    bar.watch_link(link)
    link.start()
    for round_trip, state in ((0.002, REACHABLE), (0.8, SLOW), (None, UNREACHABLE), (0.002, REACHABLE)):
        link.server.round_trip_s = round_trip
        link.check_now()
        qtbot.waitUntil(lambda state=state: link.state == state, timeout=5000)
        assert bar.link_names()[state] in bar.database_label.text()
    assert "db-host" in bar.database_label.text()


def test_database_work_is_refused_at_once_while_unreachable_and_resumes_by_itself(qtbot, link, runner):
    link.start()
    qtbot.waitUntil(lambda: link.state == REACHABLE, timeout=5000)
    link.server.round_trip_s = None
    link.check_now()
    qtbot.waitUntil(lambda: link.state == UNREACHABLE, timeout=5000)
    ran, refused = [], []
    runner.submit(lambda: ran.append("database"), failure=refused.append)
    runner.submit(lambda: ran.append("printer"), pool=IO_POOL)  # not the database: not refused
    runner.wait_for_done()
    assert ran == ["printer"]
    assert [(e.error_code, e.details["reason"]) for e in refused] == [("DATABASE_UNAVAILABLE", "unreachable")]
    link.server.round_trip_s = 0.002
    with qtbot.waitSignal(link.reconnected, timeout=5000):
        link.timer.setInterval(10)  # the next check comes by itself
    runner.submit(lambda: ran.append("database again"))
    runner.wait_for_done()
    assert ran == ["printer", "database again"]


def test_an_op_that_lost_the_database_makes_the_link_check_at_once(qtbot, link, runner):
    link.start()
    qtbot.waitUntil(lambda: link.state == REACHABLE, timeout=5000)
    link.server.round_trip_s = None

    def lost():
        raise WmsError("DATABASE_UNAVAILABLE", details={"reason": "no_answer"})

    runner.submit(lost, failure=lambda _e: None)
    qtbot.waitUntil(lambda: link.state == UNREACHABLE, timeout=5000)  # not after the 60 s tick


# ---- end to end: PostgreSQL through the fault proxy ------------------------------------------

@pytest.fixture
def proxied(pg):
    url = make_url(PG_URL)
    proxy = FaultProxy(url.port or 5432, url.host or "127.0.0.1")
    db = Database(proxy.url(url.database), QUICK)
    open_shop(Services(pg, WAREHOUSE))
    yield proxy, Services(db, WAREHOUSE)
    proxy.close()
    db.dispose()


def test_a_posting_whose_answer_was_lost_is_offered_again_and_posts_once(qtbot, runner, settings, translator,
                                                                          proxied, pg):
    proxy, services = proxied
    link = DatabaseLink(services.db.probe, runner, interval_ms=60_000, retry_ms=100)
    context = AppContext(services=services, settings=settings, runner=runner, warehouse_code=WAREHOUSE,
                         database_label=services.db.describe(), translator=translator,
                         session=Session(1, "u", "U", "clerk"), link=link)
    link.start()
    qtbot.waitUntil(lambda: link.state in (REACHABLE, SLOW), timeout=10_000)
    dialog = TransferDialog(context)
    qtbot.addWidget(dialog, before_close_func=lambda _w: runner.wait_for_done())
    dialog.show()
    for name, code in (("from_location_code", "A1"), ("to_location_code", "A2")):
        dialog.location_edits[name].setText(code)
    dialog.item_edit.setText("P1")
    dialog.quantity_edit.setText("3")
    dialog._enter_in("item")  # Enter in the item field: the typed code is looked up
    qtbot.waitUntil(lambda: dialog.item_info.text() != "", timeout=10_000)
    proxy.on("silence", statement="SELECT wms_post_transfer", when="after")  # committed; the answer never comes
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.retry_button.isVisible() and not dialog.busy, timeout=15_000)
    assert "DATABASE_UNAVAILABLE" in dialog.error_label.text()
    qtbot.waitUntil(lambda: link.state == UNREACHABLE, timeout=15_000)
    assert not dialog.retry_button.isEnabled()
    dialog.quantity_edit.setText("4")
    dialog.submit()  # other input must wait: the last posting may have been made
    assert "Retry" in dialog.error_label.text() and not dialog.busy
    dialog.quantity_edit.setText("3")

    proxy.speak()
    qtbot.waitUntil(lambda: link.state in (REACHABLE, SLOW) and dialog.retry_button.isEnabled(), timeout=15_000)
    assert "answers again" in dialog.error_label.text()
    dialog.retry_button.click()
    qtbot.waitUntil(lambda: not dialog.retry_button.isVisible() and not dialog.busy, timeout=15_000)
    assert dialog.results and dialog.results[0].to_current_quantity == 3
    balances = {i.location_code: i.stock_quantity for i in Services(pg, WAREHOUSE).stock.query({}).items}
    assert balances == {"A1": 7, "A2": 3}  # posted once, though sent twice
    link.stop()
