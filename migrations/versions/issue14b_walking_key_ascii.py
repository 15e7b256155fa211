"""walking order folds ASCII letters only and reads ASCII digits only, on both backends

Revision ID: issue14b
Revises: issue16b

wms_walking_key (migration issue14_release_function) lower-cased with the database's lower(),
which follows the server's LC_CTYPE, while domain/walking_order.py case-folded every letter and
read any Unicode digit (full-width ８) as a number: a location code such as ``Ａ８`` sorted
differently on PostgreSQL than on SQLite, so a release could reserve from another bin. Both now
fold A–Z and read 0–9 only, independent of locale.
"""
from alembic import op

revision = 'issue14b'
down_revision = 'issue16b'
branch_labels = None
depends_on = None

KEY = """
    CREATE OR REPLACE FUNCTION wms_walking_key(p_code text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
        SELECT array_agg(part ORDER BY position) FROM (
            SELECT 2 * n - 1 AS position, {fold} AS part
              FROM unnest(regexp_split_to_array(p_code, '[0-9]+')) WITH ORDINALITY AS u(t, n)
            UNION ALL
            SELECT 2 * n, lpad(length(ltrim(m[1], '0'))::text, 4, '0') || ltrim(m[1], '0')
              FROM regexp_matches(p_code, '[0-9]+', 'g') WITH ORDINALITY AS v(m, n)) parts
    $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(KEY.format(fold="translate(t, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(KEY.format(fold="lower(t)"))
