"""an order's release in one server-side call

Revision ID: issue14_release_function
Revises: issue14_audit_chains

wms_release_order (PostgreSQL; SQLite runs the same steps in services/orders.py): locks the
order, reads its lines, locks every candidate balance in the posting's sorted key order (sku,
location, batch in code-point order) and reads what is available under those locks, allocates
each line FEFO (lots with an expiry, soonest first; expired lots never), then in walking order
(wms_walking_key, domain/walking_order.py), lines naming a batch first; follows the
warehouse's short-stock policy (refuse: INSUFFICIENT_STOCK_TO_RESERVE 15003, nothing changes;
backorder: the shortfall is the line's backorder quantity); reserves through wms_reserve;
moves the order to released with its outbox event and audit row (wms_audit_append). One round
trip instead of about twelve. A release the order's state or version does not allow changes
nothing and answers ``released: false``: the caller raises the lifecycle's refusal
(domain/documents.py keeps the one table of transitions).
"""
from alembic import op

revision = 'issue14_release_function'
down_revision = 'issue14_audit_chains'
branch_labels = None
depends_on = None

UNASSIGNED_LOCATION = "无货位"  # domain/codes.py
NOT_TAKEN_FROM = "'damaged', 'shipping'"  # services/lots.py NOT_TAKEN_FROM when this was written

FUNCTIONS = [
    # domain/walking_order.py walking_order_key's natural part, comparable as text[] COLLATE "C":
    # text between numbers lower-cased, each number as its digit count (4 digits) then its digits
    # without leading zeros, so numbers compare as numbers
    """
    CREATE FUNCTION wms_walking_key(p_code text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
        SELECT array_agg(part ORDER BY position) FROM (
            SELECT 2 * n - 1 AS position, lower(t) AS part
              FROM unnest(regexp_split_to_array(p_code, '[0-9]+')) WITH ORDINALITY AS u(t, n)
            UNION ALL
            SELECT 2 * n, lpad(length(ltrim(m[1], '0'))::text, 4, '0') || ltrim(m[1], '0')
              FROM regexp_matches(p_code, '[0-9]+', 'g') WITH ORDINALITY AS v(m, n)) parts
    $$
    """,
    f"""
    CREATE FUNCTION wms_release_order(p_warehouse_id int8, p_document_id int8, p_document_number text,
                                      p_from_states text[], p_expected_version int8, p_operator_id text,
                                      p_today date, p_actor text, p_workstation text) RETURNS json
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = {{schema}}, pg_temp AS $$
    DECLARE
        d record;
        line record;
        c record;
        v_ids int8[] := '{{}}';  -- the locked candidates and what is left available of each
        v_left int8[] := '{{}}';
        v_lines int8[] := '{{}}';  -- the plan: (line, balance, quantity)
        v_balances int8[] := '{{}}';
        v_takes int8[] := '{{}}';
        v_short jsonb := '[]';
        v_need int8;
        v_take int8;
        v_at int;
        v_policy text;
        v_version int8;
        v_moment timestamptz := now();
    BEGIN
        IF p_document_id IS NOT NULL THEN
            SELECT x.document_id, x.document_number, x.state, x.version INTO d FROM documents x
             WHERE x.warehouse_id = p_warehouse_id AND x.document_type = 'order' AND x.document_id = p_document_id
               FOR UPDATE;
        ELSE
            SELECT x.document_id, x.document_number, x.state, x.version INTO d FROM documents x
             WHERE x.warehouse_id = p_warehouse_id AND x.document_type = 'order'
               AND x.document_number = p_document_number
               FOR UPDATE;
        END IF;
        IF NOT FOUND THEN
            PERFORM wms_raise('DOCUMENT_NOT_FOUND', jsonb_build_object('document_type', 'order') || CASE
                WHEN p_document_id IS NOT NULL THEN jsonb_build_object('document_id', p_document_id)
                ELSE jsonb_build_object('document_number', p_document_number) END);
        END IF;
        IF NOT d.state = ANY(p_from_states) OR p_expected_version <> d.version THEN
            RETURN json_build_object('document_id', d.document_id, 'document_number', d.document_number,
                                     'state', d.state, 'version', d.version, 'released', false);
        END IF;
        -- every candidate balance of the order's SKUs, locked in the posting's key order
        FOR c IN SELECT b.balance_id, b.stock_quantity - b.locked_quantity AS available
                   FROM stock_balances b JOIN locations l ON l.location_id = b.location_id
                   LEFT JOIN lots lt ON lt.sku_id = b.sku_id AND lt.batch_number = b.batch_number
                  WHERE b.sku_id IN (SELECT ol.sku_id FROM order_lines ol WHERE ol.document_id = d.document_id)
                    AND l.warehouse_id = p_warehouse_id AND l.location_type NOT IN ({NOT_TAKEN_FROM})
                    AND b.stock_quantity > b.locked_quantity AND NOT coalesce(lt.expiry_date < p_today, false)
                  ORDER BY b.sku_id, b.location_id, b.batch_number COLLATE "C"
                    FOR NO KEY UPDATE OF b LOOP
            v_ids := v_ids || c.balance_id;
            v_left := v_left || c.available;
        END LOOP;
        -- lines naming a batch first: a line of any batch must not take the only stock of a named one
        FOR line IN SELECT ol.line_id, ol.line_number, ol.sku_id, ol.batch_number, ol.quantity, s.sku_code
                      FROM order_lines ol JOIN skus s ON s.sku_id = ol.sku_id
                     WHERE ol.document_id = d.document_id
                     ORDER BY ol.batch_number = '', ol.line_id LOOP
            v_need := line.quantity;
            FOR c IN SELECT b.balance_id FROM stock_balances b JOIN locations l ON l.location_id = b.location_id
                       LEFT JOIN lots lt ON lt.sku_id = b.sku_id AND lt.batch_number = b.batch_number
                      WHERE b.balance_id = ANY(v_ids) AND b.sku_id = line.sku_id
                        AND (line.batch_number = '' OR b.batch_number = line.batch_number)
                      ORDER BY lt.expiry_date IS NULL, lt.expiry_date, l.location_code = '{UNASSIGNED_LOCATION}',
                               wms_walking_key(l.location_code) COLLATE "C", l.location_code COLLATE "C",
                               b.batch_number COLLATE "C" LOOP
                EXIT WHEN v_need = 0;
                v_at := array_position(v_ids, c.balance_id);
                v_take := least(v_need, v_left[v_at]);
                IF v_take > 0 THEN
                    v_left[v_at] := v_left[v_at] - v_take;
                    v_need := v_need - v_take;
                    v_lines := v_lines || line.line_id;
                    v_balances := v_balances || c.balance_id;
                    v_takes := v_takes || v_take;
                END IF;
            END LOOP;
            IF v_need > 0 THEN
                v_short := v_short || jsonb_build_object('line_id', line.line_id, 'missing', v_need,
                    'line_number', line.line_number, 'sku_code', line.sku_code,
                    'batch_number', nullif(line.batch_number, ''), 'requested_quantity', line.quantity,
                    'available_quantity', line.quantity - v_need);
            END IF;
        END LOOP;
        IF jsonb_array_length(v_short) > 0 THEN
            SELECT w.short_stock_policy INTO v_policy FROM warehouses w WHERE w.warehouse_id = p_warehouse_id;
            IF v_policy <> 'backorder' OR cardinality(v_lines) = 0 THEN
                PERFORM wms_raise('INSUFFICIENT_STOCK_TO_RESERVE', jsonb_build_object(
                    'document_number', d.document_number, 'short_stock_policy', v_policy,
                    'lines', (SELECT jsonb_agg(e - 'line_id' - 'missing' ORDER BY n)
                                FROM jsonb_array_elements(v_short) WITH ORDINALITY AS t(e, n))), NULL, 15003);
            END IF;
            UPDATE order_lines ol SET backorder_quantity = (e->>'missing')::int8
              FROM jsonb_array_elements(v_short) e WHERE ol.line_id = (e->>'line_id')::int8;
        END IF;
        IF cardinality(v_lines) > 0 THEN
            PERFORM wms_reserve(d.document_id, v_lines, v_balances, v_takes,
                                array_fill(0::int8, ARRAY[cardinality(v_lines)]));
        END IF;
        UPDATE documents SET state = 'released', version = version + 1, updated_by = p_operator_id,
                             updated_at = v_moment
         WHERE document_id = d.document_id RETURNING version INTO v_version;
        -- services/documents.py _emit: the outbox event and the audit row of the action
        INSERT INTO outbox_events (event_id, event_type, warehouse_id, ordering_key, document_id, payload, created_at)
        VALUES (gen_random_uuid()::text, 'document.order.release', p_warehouse_id, 'document:' || d.document_id,
                d.document_id, json_build_object('document_type', 'order', 'document_id', d.document_id,
                    'document_number', d.document_number, 'action', 'release', 'previous_state', d.state,
                    'state', 'released', 'version', v_version, 'operator_id', p_operator_id,
                    'occurred_at', wms_iso(v_moment))::text, v_moment);
        PERFORM wms_audit_append(p_warehouse_id, p_actor, p_workstation, json_build_array(json_build_object(
            'subject', 'document:' || d.document_id, 'entity_type', 'document', 'entity_code', d.document_number,
            'action', 'release',
            'before', format('{{"state":%s,"version":%s}}', to_json(d.state), d.version),
            'after', format('{{"state":"released","version":%s}}', v_version))));
        RETURN json_build_object('document_id', d.document_id, 'document_number', d.document_number,
                                 'state', 'released', 'version', v_version, 'released', true,
                                 'balance_ids', to_json(v_balances));
    END $$
    """,
]
DROPS = ["wms_release_order(int8, int8, text, text[], int8, text, date, text, text)", "wms_walking_key(text)"]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
    for function in FUNCTIONS:
        op.execute(function.replace("{schema}", schema))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for signature in DROPS:
            op.execute(f"DROP FUNCTION {signature}")
