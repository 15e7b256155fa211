"""stock posting as server-side functions; indexes for sorting the big screens

Revision ID: issue12
Revises: issue11

Functions, PostgreSQL only (SQLite keeps posting in Python, services/posting.py). Each stock
operation is one call of a SECURITY DEFINER function (wms_post_balance, wms_post_transfer,
wms_post_batch_adjust) that claims the request_id, looks up its SKU and locations, locks and
changes the balances in one sorted key order, writes the ledger and outbox rows and remembers
the result: the same steps, errors and results as the Python path. Refusals raise SQLSTATE
WM001 whose DETAIL is a JSON payload {error_code, message, code, details}
(wms_desktop/db/refusals.py turns it into WmsError). Users are written and signed in through
functions too. The workstation role may call only the functions db/privileges.py lists
(granted by `wms-desktop db upgrade`); the helpers run only inside them.

The ledger's balance-key index goes: no query reads by it, every posting wrote it.

For the browser (services/browse.py): balances indexed by quantity and by last change, so a
sorted first block is read from an index; per-product totals per warehouse, kept by the
posting functions as appended changes and folded before a sort (PostgreSQL; SQLite adds up
its balances).
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue12'
down_revision = 'issue11'
branch_labels = None
depends_on = None

# SQL text of every function; {schema} is the schema the tables live in (the migration's), and
# {header} the parameters every operation ends with (services/pg_posting.py sends them).
HEADER = """p_operator text, p_is_urgent bool, p_notes text, p_document_ref text, p_request_id text,
        p_payload_hash text) RETURNS json
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$"""
FUNCTIONS = [
    # ---- refusals --------------------------------------------------------------------------
    """
    CREATE FUNCTION wms_raise(p_error_code text, p_details jsonb, p_message text DEFAULT NULL,
                              p_code int DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION USING ERRCODE = 'WM001', MESSAGE = p_error_code,
            DETAIL = json_build_object('error_code', p_error_code, 'message', p_message, 'code', p_code,
                                       'details', p_details)::text;
    END $$
    """,
    # ---- idempotency: the request_id claim (services/requests.py) --------------------------
    """
    CREATE FUNCTION wms_claim(p_warehouse_id int8, p_request_id text, p_operation text, p_payload_hash text)
    RETURNS json LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    DECLARE
        v_hash text;
        v_result text;
    BEGIN
        IF p_payload_hash IS NULL THEN  -- the caller named no request_id: nothing to claim
            RETURN NULL;
        END IF;
        INSERT INTO operation_requests (warehouse_id, request_id, operation, payload_hash)
        VALUES (p_warehouse_id, p_request_id, p_operation, p_payload_hash) ON CONFLICT DO NOTHING;
        IF FOUND THEN
            RETURN NULL;  -- ours: the caller posts and remembers its result
        END IF;
        SELECT r.payload_hash, r.result INTO v_hash, v_result FROM operation_requests r
         WHERE r.warehouse_id = p_warehouse_id AND r.request_id = p_request_id;
        IF v_hash <> p_payload_hash THEN
            PERFORM wms_raise('INVALID_PARAMETERS',
                jsonb_build_object('field', 'request_id', 'reason', 'was already used for a different operation or input',
                                   'request_id', p_request_id),
                'request_id: was already used for a different operation or input');
        END IF;
        RETURN v_result::json;
    END $$
    """,
    """
    CREATE FUNCTION wms_remember(p_warehouse_id int8, p_request_id text, p_result json) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        -- only a claim without a result: a first result is never rewritten
        UPDATE operation_requests SET result = p_result::text
         WHERE warehouse_id = p_warehouse_id AND request_id = p_request_id AND result IS NULL
    $$
    """,
    # ---- lookups (services/lookup.py) ------------------------------------------------------
    """
    CREATE FUNCTION wms_product(p_product_id int8, p_product_code text, OUT product_id int8,
                                OUT product_code text, OUT has_sku bool) LANGUAGE plpgsql AS $$
    BEGIN
        IF p_product_id IS NOT NULL THEN
            SELECT p.product_id, p.product_code, p.has_sku INTO product_id, product_code, has_sku
              FROM products p WHERE p.product_id = p_product_id AND NOT p.is_deleted;
            IF NOT FOUND THEN
                PERFORM wms_raise('PRODUCT_NOT_FOUND', jsonb_build_object('product_id', p_product_id));
            END IF;
        ELSE
            SELECT p.product_id, p.product_code, p.has_sku INTO product_id, product_code, has_sku
              FROM products p WHERE p.product_code = p_product_code AND NOT p.is_deleted;
            IF NOT FOUND THEN
                PERFORM wms_raise('PRODUCT_NOT_FOUND', jsonb_build_object('product_code', p_product_code));
            END IF;
        END IF;
    END $$
    """,
    # FOR KEY SHARE: a concurrent product or SKU delete (FOR UPDATE on its SKUs) waits for the
    # posting and then sees its stock
    """
    CREATE FUNCTION wms_sku(p_sku_code text, p_extra jsonb, OUT sku_id int8, OUT sku_code text, OUT product_id int8,
                            OUT product_code text) LANGUAGE plpgsql AS $$
    BEGIN
        SELECT s.sku_id, s.sku_code, s.product_id, p.product_code INTO sku_id, sku_code, product_id, product_code
          FROM skus s JOIN products p ON p.product_id = s.product_id
         WHERE s.sku_code = p_sku_code AND NOT s.is_deleted
           FOR KEY SHARE OF s;
        IF NOT FOUND THEN
            PERFORM wms_raise('SKU_NOT_FOUND', jsonb_build_object('sku_code', p_sku_code) || p_extra);
        END IF;
    END $$
    """,
    """
    CREATE FUNCTION wms_sku_of_product(p_product_id int8, p_product_code text, p_has_sku bool, p_sku_code text,
                                       OUT sku_id int8, OUT sku_code text, OUT product_id int8,
                                       OUT product_code text) LANGUAGE plpgsql AS $$
    BEGIN
        IF p_has_sku AND p_sku_code IS NULL THEN
            PERFORM wms_raise('INVALID_PARAMETERS',
                jsonb_build_object('field', 'sku_code', 'reason', 'is required for a product with SKUs',
                                   'product_code', p_product_code),
                'sku_code: is required for a product with SKUs');
        END IF;
        SELECT * INTO sku_id, sku_code, product_id, product_code FROM wms_sku(coalesce(p_sku_code, p_product_code), '{}');
        IF product_id <> p_product_id THEN
            PERFORM wms_raise('INVALID_SKU_CODE',
                jsonb_build_object('sku_code', coalesce(p_sku_code, p_product_code), 'product_code', p_product_code),
                format('SKU %s does not belong to product %s', coalesce(p_sku_code, p_product_code), p_product_code));
        END IF;
    END $$
    """,
    """
    CREATE FUNCTION wms_warehouse(p_warehouse_code text) RETURNS int8 LANGUAGE plpgsql AS $$
    DECLARE
        v_id int8;
    BEGIN
        SELECT w.warehouse_id INTO v_id FROM warehouses w WHERE w.warehouse_code = p_warehouse_code;
        IF NOT FOUND THEN
            PERFORM wms_raise('WAREHOUSE_NOT_FOUND', jsonb_build_object('warehouse_code', p_warehouse_code));
        END IF;
        RETURN v_id;
    END $$
    """,
    """
    CREATE FUNCTION wms_location(p_warehouse_id int8, p_location_id int8, p_location_code text, p_field text,
                                 p_extra jsonb, OUT location_id int8, OUT location_code text, OUT is_active bool)
    LANGUAGE plpgsql AS $$
    BEGIN
        IF p_location_id IS NOT NULL THEN
            SELECT l.location_id, l.location_code, l.is_active INTO location_id, location_code, is_active
              FROM locations l WHERE l.location_id = p_location_id AND l.warehouse_id = p_warehouse_id;
            IF NOT FOUND THEN
                PERFORM wms_raise('LOCATION_NOT_FOUND', jsonb_build_object(p_field || '_id', p_location_id) || p_extra);
            END IF;
        ELSE
            SELECT l.location_id, l.location_code, l.is_active INTO location_id, location_code, is_active
              FROM locations l WHERE l.location_code = p_location_code AND l.warehouse_id = p_warehouse_id;
            IF NOT FOUND THEN
                PERFORM wms_raise('LOCATION_NOT_FOUND', jsonb_build_object(p_field || '_code', p_location_code) || p_extra);
            END IF;
        END IF;
    END $$
    """,
    # ---- posting (services/posting.py) -----------------------------------------------------
    # Lines are parallel arrays; each has a signed change or (a count) a target quantity. They
    # are applied in one sorted key order (sku, location, batch in code-point order, then the
    # caller's order), so two postings on the same balances queue instead of deadlocking; the
    # ledger rows follow in the caller's order, one outbox event each. A line that would fill
    # an inactive location is refused before anything is locked. Besides the quantities it
    # answers with what every result shares: ``changes`` (contract.base.Changes: the changed
    # balances in the caller's order, their products) and ``stamp`` (the header echoed).
    """
    CREATE FUNCTION wms_post_lines(
        p_warehouse_id int8, p_product_ids int8[], p_product_codes text[], p_sku_ids int8[], p_sku_codes text[],
        p_location_ids int8[], p_location_codes text[], p_location_active bool[], p_batches text[],
        p_operations text[], p_changes int8[], p_targets int8[],
        p_operator text, p_is_urgent bool, p_notes text, p_document_ref text, p_request_id text,
        OUT previous int8[], OUT changed int8[], OUT after int8[], OUT operated_at timestamptz,
        OUT changes jsonb, OUT stamp jsonb)
    LANGUAGE plpgsql AS $$
    DECLARE
        n int := cardinality(p_sku_ids);
        i int;
        v_id int8;
        v_stock int8;
        v_locked int8;
        v_after int8;
        v_order int[];
    BEGIN
        FOR i IN 1 .. n LOOP
            IF NOT p_location_active[i] AND (p_targets[i] IS NOT NULL OR p_changes[i] > 0) THEN
                PERFORM wms_raise('OPERATION_NOT_ALLOWED',
                    jsonb_build_object('location_code', p_location_codes[i], 'reason', 'location_inactive'),
                    'An inactive location can be emptied but not filled');
            END IF;
        END LOOP;
        previous := array_fill(NULL::int8, ARRAY[n]);
        changed := previous;
        after := previous;
        IF n = 1 THEN  -- the usual cases without a sort
            v_order := ARRAY[1];
        ELSIF n = 2 THEN
            v_order := CASE WHEN (p_sku_ids[2], p_location_ids[2], p_batches[2] COLLATE "C")
                                 < (p_sku_ids[1], p_location_ids[1], p_batches[1] COLLATE "C")
                            THEN ARRAY[2, 1] ELSE ARRAY[1, 2] END;
        ELSE
            SELECT array_agg(t.o::int ORDER BY t.s, t.l, t.b COLLATE "C", t.o) INTO v_order
              FROM unnest(p_sku_ids, p_location_ids, p_batches) WITH ORDINALITY AS t(s, l, b, o);
        END IF;
        FOREACH i IN ARRAY v_order LOOP
            IF p_targets[i] IS NOT NULL THEN  -- a count: lock the balance (opening it if missing), set it
                INSERT INTO stock_balances AS b (sku_id, location_id, batch_number, stock_quantity, updated_at)
                VALUES (p_sku_ids[i], p_location_ids[i], p_batches[i], 0, now())
                ON CONFLICT (sku_id, location_id, batch_number)
                DO UPDATE SET stock_quantity = b.stock_quantity + excluded.stock_quantity, updated_at = excluded.updated_at
                RETURNING b.balance_id, b.stock_quantity, b.locked_quantity INTO v_id, v_stock, v_locked;
                IF p_targets[i] < v_locked THEN
                    PERFORM wms_raise('INSUFFICIENT_STOCK', jsonb_build_object(
                        'sku_code', p_sku_codes[i], 'location_code', p_location_codes[i],
                        'batch_number', nullif(p_batches[i], ''), 'available_quantity', v_stock - v_locked,
                        'counted_quantity', p_targets[i], 'locked_quantity', v_locked));
                END IF;
                IF p_targets[i] <> v_stock THEN
                    UPDATE stock_balances SET stock_quantity = p_targets[i], updated_at = now() WHERE balance_id = v_id;
                END IF;
                changed[i] := p_targets[i] - v_stock;
                after[i] := p_targets[i];
            ELSIF p_changes[i] > 0 THEN  -- an increase: an update, or an upsert that opens the balance
                UPDATE stock_balances b SET stock_quantity = b.stock_quantity + p_changes[i], updated_at = now()
                 WHERE b.sku_id = p_sku_ids[i] AND b.location_id = p_location_ids[i] AND b.batch_number = p_batches[i]
                RETURNING b.stock_quantity INTO v_after;
                IF NOT FOUND THEN  -- missing, or being opened by another posting: the upsert waits for it
                    INSERT INTO stock_balances AS b (sku_id, location_id, batch_number, stock_quantity, updated_at)
                    VALUES (p_sku_ids[i], p_location_ids[i], p_batches[i], p_changes[i], now())
                    ON CONFLICT (sku_id, location_id, batch_number)
                    DO UPDATE SET stock_quantity = b.stock_quantity + excluded.stock_quantity,
                                  updated_at = excluded.updated_at
                    RETURNING b.stock_quantity INTO v_after;
                END IF;
                changed[i] := p_changes[i];
                after[i] := v_after;
            ELSE  -- a decrease: guarded, so no row back means not enough available stock
                UPDATE stock_balances b SET stock_quantity = b.stock_quantity + p_changes[i], updated_at = now()
                 WHERE b.sku_id = p_sku_ids[i] AND b.location_id = p_location_ids[i] AND b.batch_number = p_batches[i]
                   AND b.stock_quantity - b.locked_quantity >= -p_changes[i]
                RETURNING b.stock_quantity INTO v_after;
                IF NOT FOUND THEN
                    SELECT b.stock_quantity, b.locked_quantity INTO v_stock, v_locked FROM stock_balances b
                     WHERE b.sku_id = p_sku_ids[i] AND b.location_id = p_location_ids[i]
                       AND b.batch_number = p_batches[i];
                    PERFORM wms_raise('INSUFFICIENT_STOCK', jsonb_build_object(
                        'sku_code', p_sku_codes[i], 'location_code', p_location_codes[i],
                        'batch_number', nullif(p_batches[i], ''), 'available_quantity', coalesce(v_stock - v_locked, 0),
                        'requested_quantity', -p_changes[i]));
                END IF;
                changed[i] := p_changes[i];
                after[i] := v_after;
            END IF;
            previous[i] := after[i] - changed[i];
        END LOOP;
        WITH written AS (
            INSERT INTO stock_movements (sku_id, location_id, batch_number, operation, quantity_change, quantity_after,
                                         operator_id, is_urgent, notes, document_ref, request_id, operated_at)
            SELECT t.s, t.l, t.b, t.op, t.c, t.a, p_operator, p_is_urgent, p_notes, p_document_ref, p_request_id, now()
              FROM unnest(p_sku_ids, p_location_ids, p_batches, p_operations, changed, after)
                   WITH ORDINALITY AS t(s, l, b, op, c, a, o)
             WHERE t.c <> 0 ORDER BY t.o
            RETURNING movement_id)
        INSERT INTO stock_events (event_id, movement_id) SELECT gen_random_uuid()::text, movement_id FROM written;
        IF FOUND THEN
            operated_at := now();
        END IF;
        -- the product totals the browser sorts by; a transfer (one SKU, netting to zero) changes none
        IF NOT (n = 2 AND p_sku_ids[1] = p_sku_ids[2] AND changed[1] + changed[2] = 0) THEN
            INSERT INTO product_stock_changes (product_id, warehouse_id, quantity_change)
            SELECT t.p, p_warehouse_id, sum(t.c) FROM unnest(p_product_ids, changed) AS t(p, c)
             GROUP BY t.p HAVING sum(t.c) <> 0;
        END IF;
        SELECT jsonb_build_object(
                   'balances', coalesce(jsonb_agg(jsonb_build_object(
                       'product_id', t.p, 'product_code', t.pc, 'sku_code', t.s, 'location_code', t.l,
                       'batch_number', nullif(t.b, ''), 'previous_quantity', t.a - t.c, 'current_quantity', t.a)
                       ORDER BY t.o), '[]'),
                   'product_ids', coalesce(jsonb_agg(DISTINCT t.p ORDER BY t.p), '[]'),
                   'location_ids', '[]'::jsonb)
          INTO changes
          FROM unnest(p_product_ids, p_product_codes, p_sku_codes, p_location_codes, p_batches, changed, after)
               WITH ORDINALITY AS t(p, pc, s, l, b, c, a, o)
         WHERE t.c <> 0;
        stamp := jsonb_build_object('operator_id', p_operator, 'is_urgent', p_is_urgent, 'notes', p_notes,
                                    'document_ref', p_document_ref, 'request_id', p_request_id);
    END $$
    """,
    """
    CREATE FUNCTION wms_iso(p_moment timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT to_char(p_moment AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    $$
    """,
    # the spec's adjust response for one line (inventory._adjusted)
    """
    CREATE FUNCTION wms_adjusted(p_location_code text, p_product_code text, p_sku_code text, p_previous int8,
                                 p_changed int8, p_after int8, p_batch text, p_stamp jsonb, p_operated_at timestamptz)
    RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_object('location_code', p_location_code, 'product_code', p_product_code,
                                  'sku_code', p_sku_code, 'previous_quantity', p_previous,
                                  'adjusted_quantity', p_changed, 'current_quantity', p_after,
                                  'batch_number', nullif(p_batch, ''),
                                  'adjusted_at', CASE WHEN p_changed <> 0 THEN wms_iso(p_operated_at) END) || p_stamp
    $$
    """,
    # ---- the operations (services/inventory.py) --------------------------------------------
    # Each (callable by the workstation role): wms_start — the warehouse, and the request_id
    # claimed when the caller gave one (p_payload_hash is its fingerprint; a repeat is answered
    # with the first result) —, look up, post, wms_finish — the result, remembered for the
    # request_id. Inside a larger unit of work the caller passes no payload hash: the unit's
    # own claim covers the posting (services/pg_posting.py).
    """
    CREATE FUNCTION wms_start(p_warehouse_code text, p_operation text, p_request_id text, p_payload_hash text,
                              OUT warehouse_id int8, OUT first json) LANGUAGE plpgsql AS $$
    BEGIN
        warehouse_id := wms_warehouse(p_warehouse_code);
        first := wms_claim(warehouse_id, p_request_id, p_operation, p_payload_hash);
    END $$
    """,
    """
    CREATE FUNCTION wms_finish(p_warehouse_id int8, p_request_id text, p_payload_hash text, p_result jsonb)
    RETURNS json LANGUAGE plpgsql AS $$
    BEGIN
        IF p_payload_hash IS NOT NULL THEN
            PERFORM wms_remember(p_warehouse_id, p_request_id, p_result::json);
        END IF;
        RETURN p_result::json;
    END $$
    """,
    # inbound, outbound (inventory._move's result), adjust, count (the adjust response)
    """
    CREATE FUNCTION wms_post_balance(
        p_operation text, p_warehouse_code text, p_product_id int8, p_product_code text, p_sku_code text,
        p_location_id int8, p_location_code text, p_quantity int8, p_batch_number text,
        {header}
    DECLARE
        v_start record;
        v_product record;
        v_sku record;
        v_place record;
        v_done record;
        v_batch text := coalesce(p_batch_number, '');
    BEGIN
        v_start := wms_start(p_warehouse_code, p_operation, p_request_id, p_payload_hash);
        IF v_start.first IS NOT NULL THEN
            RETURN v_start.first;
        END IF;
        v_product := wms_product(p_product_id, p_product_code);
        v_sku := wms_sku_of_product(v_product.product_id, v_product.product_code, v_product.has_sku, p_sku_code);
        v_place := wms_location(v_start.warehouse_id, p_location_id, p_location_code, 'location', '{}');
        v_done := wms_post_lines(
            v_start.warehouse_id, ARRAY[v_sku.product_id], ARRAY[v_sku.product_code], ARRAY[v_sku.sku_id],
            ARRAY[v_sku.sku_code], ARRAY[v_place.location_id], ARRAY[v_place.location_code], ARRAY[v_place.is_active],
            ARRAY[v_batch], ARRAY[p_operation],
            ARRAY[CASE p_operation WHEN 'inbound' THEN p_quantity WHEN 'outbound' THEN -p_quantity
                                   WHEN 'adjust' THEN p_quantity END],
            ARRAY[CASE WHEN p_operation = 'count' THEN p_quantity END],
            p_operator, p_is_urgent, p_notes, p_document_ref, p_request_id);
        RETURN wms_finish(v_start.warehouse_id, p_request_id, p_payload_hash,
            jsonb_build_object('changes', v_done.changes) || CASE
            WHEN p_operation IN ('adjust', 'count') THEN
                wms_adjusted(v_place.location_code, v_sku.product_code, v_sku.sku_code, v_done.previous[1],
                             v_done.changed[1], v_done.after[1], v_batch, v_done.stamp, v_done.operated_at)
            ELSE jsonb_build_object(
                'product_id', v_product.product_id, 'product_code', v_product.product_code,
                'sku_code', v_sku.sku_code, 'location_code', v_place.location_code, 'batch_number', p_batch_number,
                'stock_quantity', p_quantity, 'previous_quantity', v_done.previous[1],
                'current_quantity', v_done.after[1], 'operated_at', wms_iso(v_done.operated_at)) || v_done.stamp
            END);
    END $$
    """,
    """
    CREATE FUNCTION wms_post_transfer(
        p_warehouse_code text, p_sku_code text, p_product_id int8, p_product_code text,
        p_from_location_id int8, p_from_location_code text, p_to_location_id int8, p_to_location_code text,
        p_quantity int8, p_batch_number text,
        {header}
    DECLARE
        v_start record;
        v_product record;
        v_sku record;
        v_from record;
        v_to record;
        v_done record;
        v_batch text := coalesce(p_batch_number, '');
    BEGIN
        v_start := wms_start(p_warehouse_code, 'transfer', p_request_id, p_payload_hash);
        IF v_start.first IS NOT NULL THEN
            RETURN v_start.first;
        END IF;
        v_sku := wms_sku(p_sku_code, '{}');
        IF p_product_id IS NOT NULL OR p_product_code IS NOT NULL THEN
            v_product := wms_product(p_product_id, p_product_code);
            IF v_product.product_id <> v_sku.product_id THEN
                PERFORM wms_raise('INVALID_SKU_CODE',
                    jsonb_build_object('sku_code', v_sku.sku_code, 'product_code', v_product.product_code),
                    format('SKU %s does not belong to product %s', v_sku.sku_code, v_product.product_code));
            END IF;
        END IF;
        v_from := wms_location(v_start.warehouse_id, p_from_location_id, p_from_location_code, 'from_location', '{}');
        v_to := wms_location(v_start.warehouse_id, p_to_location_id, p_to_location_code, 'to_location', '{}');
        IF v_from.location_id = v_to.location_id THEN
            PERFORM wms_raise('INVALID_PARAMETERS',
                jsonb_build_object('field', 'to_location_code', 'reason', 'must differ from from_location_code',
                                   'from_location_code', v_from.location_code, 'to_location_code', v_to.location_code),
                'to_location_code: must differ from from_location_code', 14006);
        END IF;
        v_done := wms_post_lines(
            v_start.warehouse_id, ARRAY[v_sku.product_id, v_sku.product_id],
            ARRAY[v_sku.product_code, v_sku.product_code], ARRAY[v_sku.sku_id, v_sku.sku_id],
            ARRAY[v_sku.sku_code, v_sku.sku_code], ARRAY[v_from.location_id, v_to.location_id],
            ARRAY[v_from.location_code, v_to.location_code], ARRAY[v_from.is_active, v_to.is_active],
            ARRAY[v_batch, v_batch], ARRAY['transfer_out', 'transfer_in'], ARRAY[-p_quantity, p_quantity],
            ARRAY[NULL::int8, NULL::int8], p_operator, p_is_urgent, p_notes, p_document_ref, p_request_id);
        RETURN wms_finish(v_start.warehouse_id, p_request_id, p_payload_hash, jsonb_build_object(
            'product_code', v_sku.product_code, 'sku_code', v_sku.sku_code,
            'from_location_code', v_from.location_code, 'to_location_code', v_to.location_code,
            'stock_quantity', p_quantity, 'batch_number', p_batch_number,
            'from_current_quantity', v_done.after[1], 'to_current_quantity', v_done.after[2],
            'operated_at', wms_iso(v_done.operated_at), 'changes', v_done.changes) || v_done.stamp);
    END $$
    """,
    """
    CREATE FUNCTION wms_post_batch_adjust(
        p_warehouse_code text, p_sku_codes text[], p_location_codes text[], p_quantities int8[], p_batch_numbers text[],
        {header}
    DECLARE
        n int := cardinality(p_sku_codes);
        i int;
        v_start record;
        v_sku record;
        v_place record;
        v_done record;
        v_product_ids int8[];
        v_products text[];
        v_sku_ids int8[];
        v_skus text[];
        v_place_ids int8[];
        v_places text[];
        v_active bool[];
        v_batches text[];
        v_line jsonb;
    BEGIN
        v_start := wms_start(p_warehouse_code, 'batch_adjust', p_request_id, p_payload_hash);
        IF v_start.first IS NOT NULL THEN
            RETURN v_start.first;
        END IF;
        FOR i IN 1 .. n LOOP
            v_line := jsonb_build_object('line_index', i - 1);  -- a refusal names the line (0-based)
            v_sku := wms_sku(p_sku_codes[i], v_line);
            v_place := wms_location(v_start.warehouse_id, NULL, p_location_codes[i], 'location', v_line);
            v_product_ids[i] := v_sku.product_id;
            v_products[i] := v_sku.product_code;
            v_sku_ids[i] := v_sku.sku_id;
            v_skus[i] := v_sku.sku_code;
            v_place_ids[i] := v_place.location_id;
            v_places[i] := v_place.location_code;
            v_active[i] := v_place.is_active;
            v_batches[i] := coalesce(p_batch_numbers[i], '');
        END LOOP;
        v_done := wms_post_lines(
            v_start.warehouse_id, v_product_ids, v_products, v_sku_ids, v_skus, v_place_ids, v_places, v_active,
            v_batches, array_fill('adjust'::text, ARRAY[n]), p_quantities, array_fill(NULL::int8, ARRAY[n]),
            p_operator, p_is_urgent, p_notes, p_document_ref, p_request_id);
        RETURN wms_finish(v_start.warehouse_id, p_request_id, p_payload_hash, jsonb_build_object(
            'adjustments', (
                SELECT jsonb_agg(wms_adjusted(v_places[k], v_products[k], v_skus[k], v_done.previous[k],
                                              v_done.changed[k], v_done.after[k], v_batches[k], v_done.stamp,
                                              v_done.operated_at) ORDER BY k)
                  FROM generate_subscripts(v_skus, 1) AS k),
            'operated_at', wms_iso(v_done.operated_at), 'changes', v_done.changes) || v_done.stamp);
    END $$
    """,
    # ---- users (services/auth.py): the workstation role reads users but writes them only here
    """
    CREATE FUNCTION wms_user_create(p_user_name text, p_display_name text, p_role text, p_password_hash text)
    RETURNS int8 LANGUAGE sql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        INSERT INTO users (user_name, display_name, role, password_hash)
        VALUES (p_user_name, p_display_name, p_role, p_password_hash) RETURNING user_id
    $$
    """,
    """
    CREATE FUNCTION wms_user_set_active(p_user_name text, p_is_active bool) RETURNS int8
    LANGUAGE sql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        UPDATE users SET is_active = p_is_active WHERE user_name = p_user_name RETURNING user_id
    $$
    """,
    # Login without reading hashes: the workstation gets a user's argon2 parameters and salt
    # (the hash itself masked), computes the hash of the password it was given, and the
    # database says whether it is the stored one (services/auth.py).
    """
    CREATE FUNCTION wms_login_settings(p_user_name text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        SELECT regexp_replace(password_hash, '[^$]*$', repeat('A', length(substring(password_hash FROM '[^$]*$'))))
          FROM users WHERE user_name = p_user_name
    $$
    """,
    """
    CREATE FUNCTION wms_login(p_user_name text, p_password_hash text)
    RETURNS TABLE (user_id int8, user_name text, display_name text, role text, is_active bool)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        SELECT u.user_id, u.user_name::text, u.display_name::text, u.role::text, u.is_active
          FROM users u WHERE u.user_name = p_user_name AND u.password_hash = p_password_hash
    $$
    """,
    # only while the hash is still the one the caller verified: a concurrent change wins
    """
    CREATE FUNCTION wms_user_replace_hash(p_user_id int8, p_old_hash text, p_new_hash text) RETURNS int8
    LANGUAGE sql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        UPDATE users SET password_hash = p_new_hash WHERE user_id = p_user_id AND password_hash = p_old_hash
        RETURNING user_id
    $$
    """,
    # ---- product totals (services/browse.py) -----------------------------------------------
    # Folds the changes postings appended into the totals. Two folds at once: the second one's
    # DELETE skips the rows the first took, so nothing is counted twice.
    """
    CREATE FUNCTION wms_fold_product_totals() RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        WITH taken AS (DELETE FROM product_stock_changes RETURNING product_id, warehouse_id, quantity_change)
        INSERT INTO product_stock_totals AS t (product_id, warehouse_id, total_quantity)
        SELECT product_id, warehouse_id, sum(quantity_change) FROM taken
         GROUP BY product_id, warehouse_id ORDER BY product_id, warehouse_id
        ON CONFLICT (product_id, warehouse_id) DO UPDATE SET total_quantity = t.total_quantity + excluded.total_quantity
    $$
    """,
    # every total from the balances (after a bulk load that bypassed the posting functions)
    """
    CREATE FUNCTION wms_rebuild_product_totals() RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        DELETE FROM product_stock_changes;
        DELETE FROM product_stock_totals;
        INSERT INTO product_stock_totals (product_id, warehouse_id, total_quantity)
        SELECT s.product_id, l.warehouse_id, sum(b.stock_quantity)
          FROM stock_balances b JOIN skus s ON s.sku_id = b.sku_id JOIN locations l ON l.location_id = b.location_id
         GROUP BY s.product_id, l.warehouse_id
    $$
    """,
]

DROPS = [
    "wms_login(text, text)",
    "wms_login_settings(text)",
    "wms_rebuild_product_totals()",
    "wms_fold_product_totals()",
    "wms_user_replace_hash(int8, text, text)",
    "wms_user_set_active(text, bool)",
    "wms_user_create(text, text, text, text)",
    "wms_post_batch_adjust(text, text[], text[], int8[], text[], text, bool, text, text, text, text)",
    "wms_post_transfer(text, text, int8, text, int8, text, int8, text, int8, text, text, bool, text, text, text, text)",
    "wms_post_balance(text, text, int8, text, text, int8, text, int8, text, text, bool, text, text, text, text)",
    "wms_finish(int8, text, text, jsonb)",
    "wms_start(text, text, text, text)",
    "wms_adjusted(text, text, text, int8, int8, int8, text, jsonb, timestamptz)",
    "wms_iso(timestamptz)",
    "wms_post_lines(int8, int8[], text[], int8[], text[], int8[], text[], bool[], text[], text[], int8[], int8[],"
    " text, bool, text, text, text)",
    "wms_location(int8, int8, text, text, jsonb)",
    "wms_warehouse(text)",
    "wms_sku_of_product(int8, text, bool, text)",
    "wms_sku(text, jsonb)",
    "wms_product(int8, text)",
    "wms_remember(int8, text, json)",
    "wms_claim(int8, text, text, text)",
    "wms_raise(text, jsonb, text, int)",
]


def upgrade() -> None:
    # read by no query, written by every posting (history and foreign keys use the per-SKU and
    # per-location indexes)
    op.drop_index('ix_stock_movements_balance_key', table_name='stock_movements')
    op.create_index('ix_stock_balances_quantity', 'stock_balances', ['stock_quantity', 'balance_id'], unique=False)
    op.create_index('ix_stock_balances_updated', 'stock_balances', ['updated_at', 'balance_id'], unique=False)
    op.create_table('product_stock_totals',
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('warehouse_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('total_quantity', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.product_id'], name=op.f('fk_product_stock_totals_product_id')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.warehouse_id'], name=op.f('fk_product_stock_totals_warehouse_id')),
    sa.PrimaryKeyConstraint('product_id', 'warehouse_id', name=op.f('pk_product_stock_totals'))
    )
    op.create_table('product_stock_changes',
    sa.Column('change_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('warehouse_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('quantity_change', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('change_id', name=op.f('pk_product_stock_changes'))
    )
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    for function in FUNCTIONS:
        op.execute(function.replace("{header}", HEADER).replace("{schema}", schema))
    op.execute("SELECT wms_rebuild_product_totals()")
    # only the roles granted by `db upgrade` may call them (PostgreSQL grants EXECUTE to PUBLIC)
    op.execute(f"REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA {schema} FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for signature in DROPS:
            op.execute(f"DROP FUNCTION {signature}")
    op.drop_table('product_stock_changes')
    op.drop_table('product_stock_totals')
    op.drop_index('ix_stock_balances_updated', table_name='stock_balances')
    op.drop_index('ix_stock_balances_quantity', table_name='stock_balances')
    op.create_index('ix_stock_movements_balance_key', 'stock_movements', ['sku_id', 'location_id', 'batch_number'],
                    unique=False)
