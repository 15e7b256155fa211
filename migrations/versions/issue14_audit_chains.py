"""the audit trail in many hash chains, appended on PostgreSQL by one function

Revision ID: issue14_audit_chains
Revises: issue17c

One chain made every audited change of every workstation queue on audit_head's single row
(every document action is audited). Now each subject (``document:9``, ``product:17``) belongs
to one of CHAINS chains by a stable hash of its name (services/audit.py ``chain_of``); a row
links to the previous row of its chain, and appends to different chains do not wait on each
other. audit_log.chain says which; the existing rows were all one chain, chain 1, and stay
valid as they are (a subject whose hash falls on chain 1 continues after them).

audit_id is no longer handed out under the one lock: PostgreSQL takes it from a sequence
(after locking the chains, so ids rise along each chain), SQLite (one writer) takes the next.

PostgreSQL: wms_audit_append chains and inserts rows in one call (services/audit.py hands
it the rows; wms_release_order calls it too), hashing exactly as ``audit.row_hash`` does; the
workstation role no longer writes audit_log or audit_head itself, so a row it could forge
with a wrong hash cannot get in at all.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue14_audit_chains'
down_revision = 'issue17c'
branch_labels = None
depends_on = None

CHAINS = 64  # services/audit.py CHAINS when this was written
GENESIS = "0" * 64

PG = [
    "CREATE SEQUENCE audit_log_audit_id_seq OWNED BY audit_log.audit_id",
    "SELECT setval('audit_log_audit_id_seq', coalesce(max(audit_id), 0) + 1, false) FROM audit_log",
    # the chain of a subject: services/audit.py chain_of
    f"""
    CREATE FUNCTION wms_audit_chain(p_subject text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
        SELECT 1 + (('x' || substr(encode(sha256(convert_to(p_subject, 'UTF8')), 'hex'), 1, 8))::bit(32)::int8
                    % {CHAINS})::int
    $$
    """,
    # the JSON services/audit.py row_hash hashes: json.dumps(..., ensure_ascii=False,
    # separators=(",", ":")) escapes text as to_json does
    """
    CREATE FUNCTION wms_audit_hash(p_audit_id int8, p_recorded_at timestamptz, p_warehouse_id int8, p_subject text,
                                   p_entity_type text, p_entity_code text, p_action text, p_actor text,
                                   p_workstation text, p_before text, p_after text, p_previous_hash text)
    RETURNS text LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to('[' || concat_ws(',', p_audit_id::text, to_json(wms_iso(p_recorded_at))::text,
            coalesce(p_warehouse_id::text, 'null'), to_json(p_subject)::text, to_json(p_entity_type)::text,
            coalesce(to_json(p_entity_code)::text, 'null'), to_json(p_action)::text, to_json(p_actor)::text,
            to_json(p_workstation)::text, coalesce(to_json(p_before)::text, 'null'),
            coalesce(to_json(p_after)::text, 'null'), to_json(p_previous_hash)::text) || ']', 'UTF8')), 'hex')
    $$
    """,
    # rows: a JSON array of {subject, entity_type, entity_code, action, before, after}, in order;
    # their chains are locked in ascending order (two appends never wait on each other in a circle)
    f"""
    CREATE FUNCTION wms_audit_append(p_warehouse_id int8, p_actor text, p_workstation text, p_rows json)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = {{schema}}, pg_temp AS $$
    DECLARE
        v_chains int[];
        v_chain int;
        v_last jsonb := '{{}}';
        v_id int8;
        v_hash text;
        r record;
    BEGIN
        SELECT array_agg(DISTINCT wms_audit_chain(e->>'subject') ORDER BY wms_audit_chain(e->>'subject'))
          INTO v_chains FROM json_array_elements(p_rows) e;
        IF v_chains IS NULL THEN
            RETURN;
        END IF;
        INSERT INTO audit_head (chain, last_audit_id, last_hash)
        SELECT c, 0, '{GENESIS}' FROM unnest(v_chains) c ON CONFLICT DO NOTHING;
        FOR r IN SELECT h.chain, h.last_hash FROM audit_head h WHERE h.chain = ANY(v_chains)
                  ORDER BY h.chain FOR UPDATE LOOP
            v_last := v_last || jsonb_build_object(r.chain::text, r.last_hash);
        END LOOP;
        FOR r IN SELECT e->>'subject' AS subject, e->>'entity_type' AS entity_type,
                        e->>'entity_code' AS entity_code, e->>'action' AS action, e->>'before' AS before,
                        e->>'after' AS after
                   FROM json_array_elements(p_rows) WITH ORDINALITY AS t(e, n) ORDER BY n LOOP
            v_chain := wms_audit_chain(r.subject);
            v_id := nextval('audit_log_audit_id_seq');
            v_hash := wms_audit_hash(v_id, now(), p_warehouse_id, r.subject, r.entity_type, r.entity_code, r.action,
                                     p_actor, p_workstation, r.before, r.after, v_last->>v_chain::text);
            INSERT INTO audit_log (audit_id, chain, recorded_at, warehouse_id, subject, entity_type, entity_code,
                                   action, actor, workstation, before, after, previous_hash, row_hash)
            VALUES (v_id, v_chain, now(), p_warehouse_id, r.subject, r.entity_type, r.entity_code, r.action,
                    p_actor, p_workstation, r.before, r.after, v_last->>v_chain::text, v_hash);
            UPDATE audit_head SET last_audit_id = v_id, last_hash = v_hash WHERE chain = v_chain;
            v_last := v_last || jsonb_build_object(v_chain::text, v_hash);
        END LOOP;
    END $$
    """,
]
PG_DROPS = ["DROP FUNCTION wms_audit_append(int8, text, text, json)",
            "DROP FUNCTION wms_audit_hash(int8, timestamptz, int8, text, text, text, text, text, text, text, text, text)",
            "DROP FUNCTION wms_audit_chain(text)", "DROP SEQUENCE audit_log_audit_id_seq"]


def upgrade() -> None:
    bind = op.get_bind()
    # plain ADD COLUMN on SQLite too: a batch copy would drop the table's append-only triggers
    op.add_column('audit_log', sa.Column('chain', sa.Integer(), nullable=False, server_default='1'))
    op.create_index('ix_audit_log_chain', 'audit_log', ['chain', 'audit_id'])
    if bind.dialect.name == "postgresql":
        schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
        for statement in PG:
            op.execute(statement.replace("{schema}", schema))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for statement in PG_DROPS:
            op.execute(statement)
    op.drop_index('ix_audit_log_chain', 'audit_log')
    op.drop_column('audit_log', 'chain')  # SQLite 3.35+ drops a plain column in place
