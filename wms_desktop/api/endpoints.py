"""Every route of the API as data: the router (``app.py``) serves these and the OpenAPI
document (``openapi.py``) describes these, so the two cannot drift. Each names the command
type its payload decodes to (``source``: the JSON body, the query string, or none), the result
type, and the service call — the same call the app makes.

Where the spec contradicts itself, docs/services.md decides (docs/api.md lists the cases):
``/api/inventory/adjust`` changes a balance by a signed ``stock_quantity``; setting it to a
counted quantity is ``/api/inventory/count``; page sizes are ``page_size``.
"""
from __future__ import annotations

import builtins
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import msgspec

from ..contract import alerts as alr
from ..contract import catalog as cat
from ..contract import counts as cnt
from ..contract import integration as sys_
from ..contract import locations as loc
from ..contract import orders as ord_
from ..contract import receiving as rcv
from ..contract import returns as ret
from ..contract import sessions as ses
from ..contract import stock as st
from ..contract.api import ServiceApi
from ..contract.decode import check
from ..contract.documents import DocumentChanged
from ..contract.fields import Code, Ident, SkuCode

Source = Literal["body", "optional_body", "query", "none"]
LIST_MAX = 1000  # rows of a document list in one answer


class Server:
    """What the public endpoints call (``app.py`` implements it on tokens and sessions)."""

    def ready(self) -> ses.Readiness:
        raise NotImplementedError

    def login(self, command: ses.SignIn, address: str | None) -> ses.TokenPair:
        raise NotImplementedError

    def refresh(self, command: ses.RefreshTokens) -> ses.TokenPair:
        raise NotImplementedError

    def logout(self, command: ses.RefreshTokens) -> ses.SignedOut:
        raise NotImplementedError


@dataclass(frozen=True)
class Context:
    """What a call may use: the caller's services (None on the public endpoints), the server's
    own calls, who is calling and from where."""

    services: ServiceApi | None
    server: Server
    caller: ses.Caller | None
    address: str | None

    @property
    def api(self) -> ServiceApi:
        assert self.services is not None  # every endpoint that is not public has them
        return self.services


Call = Callable[[Context, Any, Mapping[str, Any]], Any]


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # Starlette's form: /api/products/{product_id:int}
    summary: str
    result: Any
    call: Call
    command: type | None = None
    source: Source = "body"
    params: Mapping[str, Any] = field(default_factory=dict)  # path parameter -> field type
    into_command: bool = False  # the path parameters are fields of the command
    status: int = 200
    tag: str = "inventory"
    public: bool = False  # no credentials needed

    @property
    def openapi_path(self) -> str:
        return re.sub(r"\{(\w+):\w+\}", r"{\1}", self.path)

    def checked_params(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        return {name: check(kind, name, raw[name]) for name, kind in self.params.items()}


def _svc(method: Callable[[ServiceApi, Any], Any]) -> Call:
    return lambda ctx, command, _params: method(ctx.api, command)


def _by(method: Callable[[ServiceApi, Any], Any], name: str) -> Call:
    return lambda ctx, _command, params: method(ctx.api, params[name])


def _first_rows(ids: Callable[[ServiceApi, Any], builtins.list[int]],
                rows: Callable[[ServiceApi, builtins.list[int]], builtins.list[Any]]) -> Call:
    """A document list as the screens read it — ids searched and sorted, then their rows —
    the first ``limit`` rows (default and most: ``LIST_MAX``)."""
    def call(ctx: Context, command: Any, _params: Mapping[str, Any]) -> builtins.list[Any]:
        limit = min(command.limit or LIST_MAX, LIST_MAX)
        return rows(ctx.api, ids(ctx.api, msgspec.structs.replace(command, limit=limit)))

    return call


def _me(ctx: Context, _command: Any, _params: Mapping[str, Any]) -> ses.Caller:
    assert ctx.caller is not None
    return ctx.caller


ENDPOINTS: list[Endpoint] = [
    # ---- service state and sign-in ----
    Endpoint("GET", "/health", "The process answers", ses.Health, lambda *_: ses.Health(status="ok"),
             source="none", tag="service", public=True),
    Endpoint("GET", "/ready", "The database answers and its schema is this server's", ses.Readiness,
             lambda ctx, _c, _p: ctx.server.ready(), source="none", tag="service", public=True),
    Endpoint("POST", "/api/auth/login", "Sign in: an access token and a refresh token", ses.TokenPair,
             lambda ctx, c, _p: ctx.server.login(c, ctx.address), ses.SignIn, tag="auth", public=True),
    Endpoint("POST", "/api/auth/refresh", "A new token pair for a refresh token (used once)", ses.TokenPair,
             lambda ctx, c, _p: ctx.server.refresh(c), ses.RefreshTokens, tag="auth", public=True),
    Endpoint("POST", "/api/auth/logout", "Revoke a refresh token and its whole family", ses.SignedOut,
             lambda ctx, c, _p: ctx.server.logout(c), ses.RefreshTokens, tag="auth", public=True),
    Endpoint("GET", "/api/auth/me", "Who the credentials act as", ses.Caller, _me, source="none", tag="auth"),
    # ---- stock operations ----
    Endpoint("POST", "/api/inbound", "Receive stock into a location", st.StockMoved,
             _svc(lambda s, c: s.inventory.inbound(c)), st.Inbound),
    Endpoint("POST", "/api/outbound", "Ship stock out of a location", st.StockMoved,
             _svc(lambda s, c: s.inventory.outbound(c)), st.Outbound),
    Endpoint("POST", "/api/inventory/transfer", "Move a SKU between locations", st.Transferred,
             _svc(lambda s, c: s.inventory.transfer(c)), st.Transfer),
    Endpoint("POST", "/api/inventory/adjust", "Change a balance by a signed quantity", st.Adjusted,
             _svc(lambda s, c: s.inventory.adjust(c)), st.Adjust),
    Endpoint("POST", "/api/inventory/count", "Set a balance to a counted quantity", st.Adjusted,
             _svc(lambda s, c: s.inventory.count(c)), st.Count),
    Endpoint("POST", "/api/inventory/batch-adjust", "Several adjustments: all or none", st.BatchAdjusted,
             _svc(lambda s, c: s.inventory.batch_adjust(c)), st.BatchAdjust),
    # ---- stock queries ----
    Endpoint("POST", "/api/inventory/query", "Balances, filtered and paged", st.StockPage,
             _svc(lambda s, c: s.stock.query(c)), st.StockQuery, tag="stock"),
    Endpoint("GET", "/api/inventory/by-location", "Stock by location, paged", st.LocationStockPage,
             _svc(lambda s, c: s.stock.by_location(c)), st.ByLocation, source="query", tag="stock"),
    Endpoint("GET", "/api/inventory/by-product", "Stock by product: colour, size, location", st.ProductViewPage,
             _svc(lambda s, c: s.stock.by_product(c)), st.ByProduct, source="query", tag="stock"),
    Endpoint("GET", "/api/inventory/movements", "The ledger, newest first, by cursor", st.MovementPage,
             _svc(lambda s, c: s.history.movements(c)), st.Movements, source="query", tag="stock"),
    # ---- products ----
    Endpoint("GET", "/api/products", "Products, searched and paged", cat.ProductPage,
             _svc(lambda s, c: s.catalog.list_products(c)), cat.ListProducts, source="query", tag="products"),
    Endpoint("POST", "/api/products", "Create a product (with its SKUs)", cat.ProductSaved,
             _svc(lambda s, c: s.catalog.create_product(c)), cat.CreateProduct, status=201, tag="products"),
    Endpoint("GET", "/api/products/code/{code}", "A product by product code or SKU code", cat.CatalogProduct,
             _by(lambda s, v: s.catalog.product_by_code(v), "code"), source="none", params={"code": SkuCode},
             tag="products"),
    Endpoint("GET", "/api/products/external-code/{code}", "A product by an external barcode", cat.CatalogProduct,
             _by(lambda s, v: s.catalog.product_by_external_code(v), "code"), source="none",
             params={"code": Code}, tag="products"),
    Endpoint("GET", "/api/products/{product_id:int}", "A product by id", cat.CatalogProduct,
             _by(lambda s, v: s.catalog.product_by_id(v), "product_id"), source="none",
             params={"product_id": Ident}, tag="products"),
    Endpoint("PUT", "/api/products/{product_id:int}", "Edit a product; fields left out are kept", cat.ProductSaved,
             _svc(lambda s, c: s.catalog.update_product(c)), cat.UpdateProduct, params={"product_id": Ident},
             into_command=True, tag="products"),
    Endpoint("DELETE", "/api/products/{product_id:int}", "Delete a product without stock", cat.ProductDeleted,
             _svc(lambda s, c: s.catalog.delete_product(c)), cat.DeleteProduct, source="optional_body",
             params={"product_id": Ident}, into_command=True, tag="products"),
    # ---- SKUs and external codes ----
    Endpoint("POST", "/api/sku/create", "Add a SKU to a product", cat.SkuCreated,
             _svc(lambda s, c: s.catalog.create_sku(c)), cat.CreateSku, status=201, tag="skus"),
    Endpoint("PUT", "/api/sku/{sku_code}", "Edit a SKU's image or weight", cat.SkuUpdated,
             _svc(lambda s, c: s.catalog.update_sku(c)), cat.UpdateSku, params={"sku_code": SkuCode},
             into_command=True, tag="skus"),
    Endpoint("DELETE", "/api/sku/{sku_code}", "Delete a SKU without stock", cat.SkuDeleted,
             _svc(lambda s, c: s.catalog.delete_sku(c)), cat.DeleteSku, source="optional_body",
             params={"sku_code": SkuCode}, into_command=True, tag="skus"),
    Endpoint("GET", "/api/sku/{sku_code}/external-codes", "A SKU's external barcodes", cat.ExternalCodeList,
             _by(lambda s, v: s.catalog.external_codes_of(v), "sku_code"), source="none",
             params={"sku_code": SkuCode}, tag="skus"),
    Endpoint("POST", "/api/sku/{sku_code}/external-codes", "Add external barcodes to a SKU",
             cat.ExternalCodesAdded, _svc(lambda s, c: s.catalog.add_external_codes(c)), cat.AddExternalCodes,
             params={"sku_code": SkuCode}, into_command=True, tag="skus"),
    Endpoint("DELETE", "/api/sku/{sku_code}/external-codes/{external_code}", "Remove an external barcode",
             cat.ExternalCodeRemoved, _svc(lambda s, c: s.catalog.remove_external_code(c)), cat.RemoveExternalCode,
             source="optional_body", params={"sku_code": SkuCode, "external_code": Code}, into_command=True,
             tag="skus"),
    Endpoint("GET", "/api/sku/external/{external_code}", "The SKU of an external barcode", cat.SkuRecord,
             _by(lambda s, v: s.catalog.sku_by_external_code(v), "external_code"), source="none",
             params={"external_code": Code}, tag="skus"),
    # ---- locations ----
    Endpoint("GET", "/api/locations", "The warehouse's locations", builtins.list[loc.Location],
             _svc(lambda s, c: s.locations.list(c)), loc.ListLocations, source="query", tag="locations"),
    Endpoint("POST", "/api/locations", "Create a location", loc.LocationSaved,
             _svc(lambda s, c: s.locations.create(c)), loc.CreateLocation, status=201, tag="locations"),
    Endpoint("GET", "/api/locations/{location_code}", "A location by code", loc.Location,
             _svc(lambda s, c: s.locations.get(c)), loc.LocationRef, source="none",
             params={"location_code": Code}, into_command=True, tag="locations"),
    Endpoint("PUT", "/api/locations/{location_code}", "Rename, retype, switch a location on or off",
             loc.LocationSaved, _svc(lambda s, c: s.locations.update(c)), loc.UpdateLocation,
             params={"location_code": Code}, into_command=True, tag="locations"),
    Endpoint("DELETE", "/api/locations/{location_code}", "Delete a location without stock or history",
             loc.LocationDeleted, _svc(lambda s, c: s.locations.delete(c)), loc.LocationRef, source="none",
             params={"location_code": Code}, into_command=True, tag="locations"),
    # ---- receiving against ASNs (services/receiving.py) ----
    Endpoint("POST", "/api/asns", "Plan an ASN with its lines", rcv.AsnChanged,
             _svc(lambda s, c: s.receiving.create(c)), rcv.CreateAsn, status=201, tag="receiving"),
    Endpoint("POST", "/api/asns/query", "ASNs searched and sorted: the first limit rows (at most 1000)",
             builtins.list[rcv.AsnRow],
             _first_rows(lambda s, c: s.receiving.asn_ids(c), lambda s, i: s.receiving.asn_rows(i)), rcv.AsnIds,
             tag="receiving"),
    Endpoint("GET", "/api/asns/{asn_number}", "An ASN with its lines and progress", rcv.AsnDetail,
             _svc(lambda s, c: s.receiving.asn(c)), rcv.AsnQuery, source="none", params={"asn_number": Code},
             into_command=True, tag="receiving"),
    Endpoint("PUT", "/api/asns/{asn_number}", "Replace a pending ASN's header and lines", rcv.AsnChanged,
             _svc(lambda s, c: s.receiving.edit(c)), rcv.EditAsn, params={"asn_number": Code}, into_command=True,
             tag="receiving"),
    Endpoint("POST", "/api/asns/{asn_number}/cancel", "Cancel a pending ASN", rcv.AsnChanged,
             _svc(lambda s, c: s.receiving.cancel(c)), rcv.AsnRef, source="optional_body",
             params={"asn_number": Code}, into_command=True, tag="receiving"),
    Endpoint("POST", "/api/asns/{asn_number}/receive", "Receive one scan and post it", rcv.Received,
             _svc(lambda s, c: s.receiving.receive(c)), rcv.Receive, params={"asn_number": Code},
             into_command=True, tag="receiving"),
    Endpoint("POST", "/api/asns/{asn_number}/finish", "Receiving done: receiving → received", rcv.AsnChanged,
             _svc(lambda s, c: s.receiving.finish(c)), rcv.AsnRef, source="optional_body",
             params={"asn_number": Code}, into_command=True, tag="receiving"),
    Endpoint("POST", "/api/asns/{asn_number}/close", "Close a received ASN with its variance", rcv.AsnChanged,
             _svc(lambda s, c: s.receiving.close(c)), rcv.CloseAsn, source="optional_body",
             params={"asn_number": Code}, into_command=True, tag="receiving"),
    Endpoint("GET", "/api/putaway", "Open putaway tasks: of an ASN, of a receiving location, or all",
             rcv.PutawayList, _svc(lambda s, c: s.receiving.putaway_tasks(c)), rcv.PutawayTasks, source="query",
             tag="receiving"),
    Endpoint("POST", "/api/asns/{asn_number}/put-away", "Move received units from receiving to a shelf",
             rcv.PutAwayDone, _svc(lambda s, c: s.receiving.put_away(c)), rcv.PutAway, params={"asn_number": Code},
             into_command=True, tag="receiving"),
    Endpoint("POST", "/api/receipts", "Start a receipt without an ASN", rcv.AsnChanged,
             _svc(lambda s, c: s.receiving.start_blind(c)), rcv.StartReceipt, source="optional_body", status=201,
             tag="receiving"),
    Endpoint("GET", "/api/receiving/tolerance", "The warehouse's over-receipt tolerance", rcv.Tolerance,
             lambda ctx, _c, _p: ctx.api.receiving.tolerance(), source="none", tag="receiving"),
    Endpoint("PUT", "/api/receiving/tolerance", "Set the over-receipt tolerance", rcv.Tolerance,
             _svc(lambda s, c: s.receiving.set_tolerance(c)), rcv.SetTolerance, tag="receiving"),
    # ---- outbound orders (services/orders.py) ----
    Endpoint("POST", "/api/orders", "Create an order with its lines", ord_.Order,
             _svc(lambda s, c: s.orders.create(c)), ord_.CreateOrder, status=201, tag="orders"),
    Endpoint("POST", "/api/orders/query", "Orders searched and sorted: the first limit rows (at most 1000)",
             builtins.list[ord_.OrderRow], _first_rows(lambda s, c: s.orders.ids(c), lambda s, i: s.orders.rows(i)),
             ord_.OrderIds, tag="orders"),
    Endpoint("GET", "/api/orders/{order_number}", "An order with its lines, reservations, picks and cartons",
             ord_.Order, _svc(lambda s, c: s.orders.get(c)), ord_.GetOrder, source="none",
             params={"order_number": Code}, into_command=True, tag="orders"),
    Endpoint("PUT", "/api/orders/{order_number}", "Edit an order before it is released; fields left out are kept",
             ord_.Order, _svc(lambda s, c: s.orders.update(c)), ord_.UpdateOrder, params={"order_number": Code},
             into_command=True, tag="orders"),
    Endpoint("POST", "/api/orders/{order_number}/release", "Release: reserve its stock", ord_.Order,
             _svc(lambda s, c: s.orders.release(c)), ord_.ReleaseOrder, source="optional_body",
             params={"order_number": Code}, into_command=True, tag="orders"),
    Endpoint("POST", "/api/orders/{order_number}/cancel", "Cancel: its reservations are let go", ord_.Order,
             _svc(lambda s, c: s.orders.cancel(c)), ord_.CancelOrder, source="optional_body",
             params={"order_number": Code}, into_command=True, tag="orders"),
    Endpoint("POST", "/api/orders/{order_number}/pick", "Pick reserved units to the packing location", ord_.Picked,
             _svc(lambda s, c: s.orders.pick(c)), ord_.PickOrder, params={"order_number": Code}, into_command=True,
             tag="orders"),
    Endpoint("POST", "/api/orders/{order_number}/pack", "Pack picked units into a carton", ord_.Packed,
             _svc(lambda s, c: s.orders.pack(c)), ord_.PackCarton, params={"order_number": Code}, into_command=True,
             tag="orders"),
    Endpoint("POST", "/api/orders/{order_number}/ship", "Ship every packed carton", ord_.Order,
             _svc(lambda s, c: s.orders.ship(c)), ord_.ShipOrder, source="optional_body",
             params={"order_number": Code}, into_command=True, tag="orders"),
    Endpoint("POST", "/api/orders/{order_number}/short-pick",
             "A bin short of what was reserved there: reserved elsewhere, or backordered", ord_.Order,
             _svc(lambda s, c: s.orders.short_pick(c)), ord_.ShortPick, params={"order_number": Code},
             into_command=True, tag="orders"),
    # ---- customer returns (services/returns.py) ----
    Endpoint("POST", "/api/orders/{order_number}/returns", "Open a return of a shipped order", ret.ReturnDetail,
             _svc(lambda s, c: s.returns.open(c)), ret.OpenReturn, source="optional_body",
             params={"order_number": Code}, into_command=True, status=201, tag="returns"),
    Endpoint("GET", "/api/returns/{return_number}", "A return with its lines and what may still come back",
             ret.ReturnDetail, _svc(lambda s, c: s.returns.get(c)), ret.GetReturn, source="none",
             params={"return_number": Code}, into_command=True, tag="returns"),
    Endpoint("POST", "/api/returns/{return_number}/receive",
             "Units back from the customer: restocked, damaged or scrapped, with a reason", ret.ReturnDetail,
             _svc(lambda s, c: s.returns.receive(c)), ret.ReceiveReturn, params={"return_number": Code},
             into_command=True, tag="returns"),
    Endpoint("POST", "/api/returns/{return_number}/close", "Close a return", ret.ReturnDetail,
             _svc(lambda s, c: s.returns.close(c)), ret.CloseReturn, source="optional_body",
             params={"return_number": Code}, into_command=True, tag="returns"),
    Endpoint("PUT", "/api/warehouse/short-stock-policy", "Refuse or backorder what cannot be reserved",
             ord_.ShortStockPolicySet, _svc(lambda s, c: s.orders.set_short_stock_policy(c)),
             ord_.SetShortStockPolicy, tag="orders"),
    # ---- stock counts (services/counts.py) ----
    Endpoint("POST", "/api/counts", "Plan a count task: locations, a range, a prefix, SKUs or a cycle",
             DocumentChanged, _svc(lambda s, c: s.counts.create(c)), cnt.CreateCount, status=201, tag="counts"),
    Endpoint("POST", "/api/counts/query", "Count tasks searched and sorted: the first limit rows (at most 1000)",
             builtins.list[cnt.CountRow], _first_rows(lambda s, c: s.counts.ids(c), lambda s, i: s.counts.rows(i)),
             cnt.CountIds, tag="counts"),
    Endpoint("POST", "/api/counts/lines/query", "A task's lines (variances only, if asked): the first limit rows",
             builtins.list[cnt.CountLineRow],
             _first_rows(lambda s, c: s.counts.line_ids(c), lambda s, i: s.counts.line_rows(i)), cnt.CountLineIds,
             tag="counts"),
    Endpoint("GET", "/api/counts/{count_number}", "A count task with its totals", cnt.CountDetail,
             _svc(lambda s, c: s.counts.detail(c)), cnt.CountRef, source="none", params={"count_number": Code}, into_command=True, tag="counts"),
    Endpoint("GET", "/api/counts/{count_number}/sheet", "Its locations to count, and what to count again",
             cnt.CountSheet, _svc(lambda s, c: s.counts.sheet(c)), cnt.CountRef, source="none", params={"count_number": Code}, into_command=True, tag="counts"),
    Endpoint("GET", "/api/counts/{count_number}/accuracy", "Each counter's first counts that were right",
             builtins.list[cnt.CounterAccuracy], _svc(lambda s, c: s.counts.accuracy(c)), cnt.CountRef,
             source="none", params={"count_number": Code}, into_command=True, tag="counts"),
    Endpoint("POST", "/api/counts/{count_number}/start", "Start counting a location (its snapshot is taken)",
             cnt.CountLocationStarted, _svc(lambda s, c: s.counts.start_location(c)), cnt.CountAtLocation, params={"count_number": Code}, into_command=True, tag="counts"),
    Endpoint("POST", "/api/counts/{count_number}/count", "Count an item at the location being counted",
             cnt.ItemCounted, _svc(lambda s, c: s.counts.count_item(c)), cnt.CountItem, params={"count_number": Code}, into_command=True, tag="counts"),
    Endpoint("POST", "/api/counts/{count_number}/finish", "Finish a location: counted, or lines to count again",
             cnt.CountLocationFinished, _svc(lambda s, c: s.counts.finish_location(c)), cnt.CountAtLocation, params={"count_number": Code}, into_command=True, tag="counts"),
    Endpoint("POST", "/api/counts/{count_number}/decide", "Approve or reject variance lines, with a reason",
             cnt.CountLinesDecided, _svc(lambda s, c: s.counts.decide(c)), cnt.DecideCountLines, params={"count_number": Code}, into_command=True, tag="counts"),
    Endpoint("POST", "/api/counts/{count_number}/approve", "Approve the counted task", DocumentChanged,
             _svc(lambda s, c: s.counts.approve(c)), cnt.CountMutation, source="optional_body", params={"count_number": Code}, into_command=True, tag="counts"),
    Endpoint("POST", "/api/counts/{count_number}/post", "Post the approved variances in one transaction",
             cnt.CountPosted, _svc(lambda s, c: s.counts.post(c)), cnt.CountMutation, source="optional_body", params={"count_number": Code}, into_command=True, tag="counts"),
    Endpoint("POST", "/api/counts/{count_number}/cancel", "Cancel a count task", DocumentChanged,
             _svc(lambda s, c: s.counts.cancel(c)), cnt.CountMutation, source="optional_body", params={"count_number": Code}, into_command=True, tag="counts"),
    Endpoint("GET", "/api/warehouse/count-settings", "Count tolerance and who may recount and approve",
             cnt.CountSettings, lambda ctx, _c, _p: ctx.api.counts.settings(), source="none", tag="counts"),
    Endpoint("PUT", "/api/warehouse/count-settings", "Set the count tolerance and the four-eyes rules",
             cnt.CountSettings, _svc(lambda s, c: s.counts.set_settings(c)), cnt.SetCountSettings, tag="counts"),
    # ---- stock alerts (services/alerts.py) ----
    Endpoint("GET", "/api/alerts", "Low, high and expiry alerts, newest first", alr.AlertList,
             _svc(lambda s, c: s.alerts.list_alerts(c)), alr.ListAlerts, source="query", tag="alerts"),
    Endpoint("GET", "/api/alerts/summary", "How many alerts are active and unacknowledged", alr.AlertSummary,
             lambda ctx, _c, _p: ctx.api.alerts.summary(), source="none", tag="alerts"),
    Endpoint("POST", "/api/alerts/{alert_id:int}/acknowledge", "Acknowledge an alert", alr.Alert,
             _svc(lambda s, c: s.alerts.acknowledge(c)), alr.AcknowledgeAlert, source="optional_body",
             params={"alert_id": Ident}, into_command=True, tag="alerts"),
    Endpoint("PUT", "/api/warehouse/expiry-alert-days", "Alert lots expiring within this many days",
             alr.ExpiryChecked, _svc(lambda s, c: s.alerts.set_expiry_days(c)), alr.SetExpiryAlertDays, tag="alerts"),
    # ---- systems: API keys (an administrator's, for roles below their own) ----
    Endpoint("GET", "/api/keys", "The warehouse's API keys (never the keys themselves)", builtins.list[sys_.ApiKey],
             lambda ctx, _c, _p: ctx.api.api_keys.list(), source="none", tag="systems"),
    Endpoint("POST", "/api/keys", "Create an API key: shown in this answer only", sys_.ApiKeyCreated,
             _svc(lambda s, c: s.api_keys.add(c)), sys_.AddApiKey, status=201, tag="systems"),
    Endpoint("DELETE", "/api/keys/{key_id}", "Revoke an API key", sys_.ApiKey,
             _svc(lambda s, c: s.api_keys.revoke(c)), sys_.ApiKeyRef, source="none",
             params={"key_id": sys_.KeyId}, into_command=True, tag="systems"),
    # ---- systems: webhooks (an administrator's) ----
    Endpoint("GET", "/api/webhooks", "The warehouse's webhooks", builtins.list[sys_.Webhook],
             lambda ctx, _c, _p: ctx.api.webhooks.list(), source="none", tag="systems"),
    Endpoint("POST", "/api/webhooks", "Register a URL for event types: its signing secret is in this answer only",
             sys_.WebhookAdded, _svc(lambda s, c: s.webhooks.add(c)), sys_.AddWebhook, status=201, tag="systems"),
    Endpoint("DELETE", "/api/webhooks/{webhook_id:int}", "Switch a webhook off", sys_.Webhook,
             _svc(lambda s, c: s.webhooks.remove(c)), sys_.WebhookRef, source="none", params={"webhook_id": Ident},
             into_command=True, tag="systems"),
    Endpoint("GET", "/api/webhooks/deliveries", "The delivery log, newest first", builtins.list[sys_.Delivery],
             _svc(lambda s, c: s.webhooks.deliveries(c)), sys_.ListDeliveries, source="query", tag="systems"),
    Endpoint("POST", "/api/webhooks/deliveries/{delivery_id:int}/redeliver", "Send a delivery again",
             sys_.Delivery, _svc(lambda s, c: s.webhooks.redeliver(c)), sys_.Redeliver, source="none",
             params={"delivery_id": Ident}, into_command=True, tag="systems"),
]
