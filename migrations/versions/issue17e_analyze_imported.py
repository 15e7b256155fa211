"""fresh planner statistics after a large import (PostgreSQL)

Revision ID: issue17e
Revises: issue17d

A go-live import fills empty tables with 100,000s of rows in one transaction; until autovacuum
(off on some servers, slow on others) analyzes them, the planner sees them empty: lookups by
code scan whole tables (the next import's, the Stock screen's). The import ends by analyzing
what it filled, through wms_analyze: the workstation role does not own the tables, and the
function analyzes only the tables an import writes.
"""
from alembic import op

revision = 'issue17e'
down_revision = 'issue17d'
branch_labels = None
depends_on = None

ANALYZE = """
CREATE FUNCTION wms_analyze(p_tables text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY p_tables LOOP
        IF t NOT IN ('products', 'skus', 'external_codes', 'locations', 'audit_log', 'lots', 'stock_balances',
                     'stock_movements', 'outbox_events', 'product_stock_changes') THEN
            PERFORM wms_raise('INVALID_PARAMETERS', jsonb_build_object('table', t));
        END IF;
        EXECUTE format('ANALYZE %I', t);
    END LOOP;
END $$
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    op.execute(ANALYZE.replace("{schema}", schema))
    op.execute("REVOKE EXECUTE ON FUNCTION wms_analyze(text[]) FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION wms_analyze(text[])")
