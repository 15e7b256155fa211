"""stock levels decided by the posting function instead of a ledger trigger (PostgreSQL)

Revision ID: issue12b
Revises: issue14_release_function

Migration issue17 decides a product's stock level (and raises or clears its alert) in a
statement trigger on the ledger. Every posting paid for it, a transfer too — a transition
table, a trigger function and a query joining the ledger rows to SKUs, products and locations
(about 0.12 ms of the server's 0.9 ms per transfer, issue 12) — although a transfer never
changes a product's total. Every ledger row on PostgreSQL is written by wms_post_lines, which
already knows each product's net change: it now calls wms_stock_levels_moved with them, only
when some product's total changed, and that checks exactly the products the trigger checked
(with thresholds, or a level still recorded as not normal), in the same product order, at the
same point of the posting (after its ledger rows), through the same wms_check_stock_level. The
trigger and its function go. SQLite keeps its row trigger (services/posting.py is unchanged).
"""
from alembic import op

revision = 'issue12b'
down_revision = 'issue14_release_function'
branch_labels = None
depends_on = None

# wms_post_lines (migrations issue12, issue13): the block where a posting's product totals
# change; the level check goes first in it
TOTALS = "        IF NOT (n = 2 AND p_sku_ids[1] = p_sku_ids[2] AND changed[1] + changed[2] = 0) THEN\n"
CHECK = "            PERFORM wms_stock_levels_moved(p_warehouse_id, p_product_ids, changed);\n"

MOVED = """
CREATE FUNCTION wms_stock_levels_moved(p_warehouse_id int8, p_product_ids int8[], p_changes int8[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT t.p AS product_id
               FROM unnest(p_product_ids, p_changes) AS t(p, c) JOIN products p ON p.product_id = t.p
              WHERE p.low_stock_threshold >= 0 OR p.high_stock_threshold >= 0
                 OR EXISTS (SELECT 1 FROM stock_levels v WHERE v.product_id = t.p
                               AND v.warehouse_id = p_warehouse_id AND v.level <> 'normal')
              GROUP BY t.p HAVING sum(t.c) <> 0
              ORDER BY t.p LOOP  -- one lock order for every posting
        PERFORM wms_check_stock_level(r.product_id, p_warehouse_id, now());
    END LOOP;
END $$
"""

# migration issue17's trigger, for the downgrade
TRIGGER = """
CREATE FUNCTION wms_stock_levels_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT s.product_id, l.warehouse_id, max(m.operated_at) AS moment
               FROM moved m JOIN skus s ON s.sku_id = m.sku_id JOIN locations l ON l.location_id = m.location_id
               JOIN products p ON p.product_id = s.product_id
              WHERE p.low_stock_threshold >= 0 OR p.high_stock_threshold >= 0
                 OR EXISTS (SELECT 1 FROM stock_levels v WHERE v.product_id = s.product_id
                               AND v.warehouse_id = l.warehouse_id AND v.level <> 'normal')
              GROUP BY s.product_id, l.warehouse_id HAVING sum(m.quantity_change) <> 0
              ORDER BY s.product_id, l.warehouse_id LOOP  -- one lock order for every posting
        PERFORM wms_check_stock_level(r.product_id, r.warehouse_id, r.moment);
    END LOOP;
    RETURN NULL;
END $$
"""


def _rewrite_posting(before: str, after: str) -> None:
    """wms_post_lines as the server holds it, with ``before`` replaced by ``after``."""
    definition = op.get_bind().exec_driver_sql(
        "SELECT pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.proname = 'wms_post_lines'"
        " AND p.pronamespace = current_schema()::regnamespace").scalar_one()
    if definition.count(before) != 1:
        raise RuntimeError(f"wms_post_lines does not read as expected: {before!r}")
    op.execute(definition.replace(before, after))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER stock_movements_check_levels ON stock_movements")
    op.execute("DROP FUNCTION wms_stock_levels_changed()")
    op.execute(MOVED)
    op.execute("REVOKE EXECUTE ON FUNCTION wms_stock_levels_moved(int8, int8[], int8[]) FROM PUBLIC")
    _rewrite_posting(TOTALS, TOTALS + CHECK)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    _rewrite_posting(TOTALS + CHECK, TOTALS)
    op.execute("DROP FUNCTION wms_stock_levels_moved(int8, int8[], int8[])")
    schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    op.execute(TRIGGER.replace("{schema}", schema))
    op.execute("CREATE TRIGGER stock_movements_check_levels AFTER INSERT ON stock_movements"
               " REFERENCING NEW TABLE AS moved FOR EACH STATEMENT EXECUTE FUNCTION wms_stock_levels_changed()")
