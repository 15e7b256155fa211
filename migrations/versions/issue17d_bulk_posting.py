"""set-based posting of many new balances (PostgreSQL): opening stock at import speed

Revision ID: issue17d
Revises: issue14_wave_totes

An opening-stock import posts each chunk of its file as one batch adjustment of hundreds of
increases, each of a balance nobody holds yet. wms_post_batch_adjust looked each line's SKU and
location up in its own query, and wms_post_lines wrote each balance in its own statement
(about 0.5 ms a line: 1M rows in 16 minutes). For many lines both now work on the whole set:

- wms_post_batch_adjust resolves every line in one join (SKUs locked FOR KEY SHARE as before);
  when some line does not resolve it falls back to the line loop, which refuses it as before
  (same code, same ``line_index``).
- wms_post_lines, when every line is an increase of a distinct balance, upserts the balances
  in one INSERT … SELECT … ON CONFLICT ordered by (sku, location, batch) — the lock order of
  every posting, so no deadlock with concurrent ones — and takes each line's new quantity from
  its RETURNING. The inactive-location refusal before, and the ledger rows, outbox events,
  product totals and stock-level checks after, are the same statements as for any posting.

Both keep the line loop below BULK_LINES, where one statement per line is as fast.
SQLite is unchanged (services/posting.py).
"""
from alembic import op

revision = 'issue17d'
down_revision = 'issue14_wave_totes'
branch_labels = None
depends_on = None

BULK_LINES = 16

# wms_post_lines (migrations issue12, issue13, issue12b): the start of its lock-order choice
ORDER = "        IF n = 1 THEN  -- the usual cases without a sort\n"
BULK_UPSERT = f"""\
        IF n >= {BULK_LINES} AND NOT EXISTS (SELECT 1 FROM unnest(p_targets, p_changes) AS t(g, c)
                                              WHERE t.g IS NOT NULL OR t.c <= 0)
           AND (SELECT count(DISTINCT (t.s, t.l, t.b)) FROM unnest(p_sku_ids, p_location_ids, p_batches)
                    AS t(s, l, b)) = n THEN
            -- many increases of distinct balances (an opening-stock chunk): one upsert, rows
            -- locked in the lock order of every posting
            WITH up AS (
                INSERT INTO stock_balances AS b (sku_id, location_id, batch_number, stock_quantity, updated_at)
                SELECT t.s, t.l, t.b, t.c, now()
                  FROM unnest(p_sku_ids, p_location_ids, p_batches, p_changes) AS t(s, l, b, c)
                 ORDER BY t.s, t.l, t.b COLLATE "C"
                ON CONFLICT (sku_id, location_id, batch_number)
                DO UPDATE SET stock_quantity = b.stock_quantity + excluded.stock_quantity,
                              updated_at = excluded.updated_at
                RETURNING b.sku_id, b.location_id, b.batch_number, b.stock_quantity)
            SELECT array_agg(up.stock_quantity ORDER BY t.o), array_agg(up.stock_quantity - t.c ORDER BY t.o)
              INTO after, previous
              FROM unnest(p_sku_ids, p_location_ids, p_batches, p_changes) WITH ORDINALITY AS t(s, l, b, c, o)
              JOIN up ON up.sku_id = t.s AND up.location_id = t.l AND up.batch_number = t.b;
            changed := p_changes;
            v_order := '{{}}';
        ELSIF n = 1 THEN  -- the usual cases without a sort
"""

# wms_post_batch_adjust (migration issue12): its line loop, kept for few lines and for refusals
LOOKUP = "        FOR i IN 1 .. n LOOP\n            v_line := jsonb_build_object('line_index', i - 1);"
BULK_LOOKUP = f"""\
        IF n >= {BULK_LINES} THEN  -- every line in one join; a line that does not resolve: the loop refuses it
            PERFORM 1 FROM skus s WHERE NOT s.is_deleted AND s.sku_code = ANY (p_sku_codes)
              ORDER BY s.sku_id FOR KEY SHARE;
            SELECT array_agg(s.product_id ORDER BY t.o), array_agg(p.product_code ORDER BY t.o),
                   array_agg(s.sku_id ORDER BY t.o), array_agg(s.sku_code ORDER BY t.o),
                   array_agg(l.location_id ORDER BY t.o), array_agg(l.location_code ORDER BY t.o),
                   array_agg(l.is_active ORDER BY t.o), array_agg(coalesce(t.bn, '') ORDER BY t.o)
              INTO v_product_ids, v_products, v_sku_ids, v_skus, v_place_ids, v_places, v_active, v_batches
              FROM unnest(p_sku_codes, p_location_codes, p_batch_numbers) WITH ORDINALITY AS t(sc, lc, bn, o)
              JOIN skus s ON s.sku_code = t.sc AND NOT s.is_deleted
              JOIN products p ON p.product_id = s.product_id
              JOIN locations l ON l.location_code = t.lc AND l.warehouse_id = v_start.warehouse_id;
        END IF;
        FOR i IN 1 .. n LOOP
            EXIT WHEN cardinality(v_sku_ids) = n;
            v_line := jsonb_build_object('line_index', i - 1);"""


def _rewrite(function: str, before: str, after: str) -> None:
    """``function`` as the server holds it, with ``before`` replaced by ``after``."""
    definition = op.get_bind().exec_driver_sql(
        "SELECT pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.proname = %s"
        " AND p.pronamespace = current_schema()::regnamespace", (function,)).scalar_one()
    if definition.count(before) != 1:
        raise RuntimeError(f"{function} does not read as expected: {before!r}")
    op.execute(definition.replace(before, after))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _rewrite("wms_post_lines", ORDER, BULK_UPSERT)
    _rewrite("wms_post_batch_adjust", LOOKUP, BULK_LOOKUP)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _rewrite("wms_post_batch_adjust", BULK_LOOKUP, LOOKUP)
    _rewrite("wms_post_lines", BULK_UPSERT, ORDER)
