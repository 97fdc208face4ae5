"""Who may do what to a PostgreSQL ledger, enforced by the server itself.

Three levels, granted to existing database roles by ``grant`` (``caledger grant``), or by
the SQL ``grant_statements`` prints for a DBA to run:

- *reader*: SELECT on every table of the ledger's schema: every query, ``verify``,
  ``checkpoint``.
- *writer*: a reader that may also INSERT events and their chain links (append, import,
  correct, retract) and keep the read model up to date by projecting new events: INSERT on
  the read model's tables, UPDATE of only the columns the projection moves on
  (``READ_MODEL_WRITES``), each row checked by ``caledger_read_model_guard``; no DELETE or
  TRUNCATE of it (``rebuild`` is the owner's). It is also granted UPDATE on the events table,
  which PostgreSQL asks of whoever takes the EXCLUSIVE table lock that serializes writers;
  the guard below refuses every UPDATE itself.
- *owner*: owns the schema and its tables: schema changes, ``rebuild`` (it drops and
  creates the read model's tables).

Two triggers guard the log (``guard_statements``), installed with every new ledger:

- ``caledger_append_only``: UPDATE, DELETE (per row) and TRUNCATE of the stored events and
  of the chain are refused for every role but the tables' owner (and superusers): the log is
  append-only even to a writer connected with ``psql``.
- ``caledger_recorded_by``: an inserted event that reads as a caledger record must be of
  envelope version 2 and name the session's role (``current_user``) as ``recorded_by``:
  nobody records under another's name, nor as "not recorded". It runs once per INSERT or
  COPY statement over the rows it inserted (set-based: an import's COPY is one statement),
  and refuses the whole statement.

What remains: the owner (and any superuser) can disable triggers and rewrite anything; the
hash chain, signed checkpoints kept elsewhere and signed events are what catch that.
"""

from __future__ import annotations

from typing import Any

from projections.readmodel_names import CHAIN_TABLE

LEVELS = ("reader", "writer", "owner")
EVENTS = "stored_events"


def _q(*names: str) -> str:
    return ".".join('"' + name.replace('"', '""') + '"' for name in names)


def guard_statements(schema: str) -> list[str]:
    """The functions and triggers that keep a PostgreSQL ledger's log append-only and its
    ``recorded_by`` honest (idempotent: safe to run again)."""
    s = schema
    append_only = f"""
CREATE OR REPLACE FUNCTION {_q(s, 'caledger_append_only')}() RETURNS trigger
LANGUAGE plpgsql AS $caledger$
BEGIN
  IF pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID),
                 'USAGE') THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION 'caledger: role "%" may not % %: the log is append-only (only its owner '
                  'may change it)', current_user, TG_OP, TG_TABLE_NAME
        USING ERRCODE = '42501';
END
$caledger$"""
    # Once per statement (an import's COPY is one), over the rows it inserted: set-based.
    recorded_by = f"""
CREATE OR REPLACE FUNCTION {_q(s, 'caledger_recorded_by')}() RETURNS trigger
LANGUAGE plpgsql AS $caledger$
DECLARE
  claimed text;
BEGIN
  SELECT coalesce(j->>'recorded_by', 'nobody') INTO claimed
    FROM (SELECT convert_from(state, 'UTF8')::jsonb AS j FROM inserted) AS events
   WHERE jsonb_typeof(j) = 'object' AND (j ? 'kind' OR j ? 'record' OR j ? 'v')
     AND (j->'v' IS DISTINCT FROM '2'::jsonb
          OR j->>'recorded_by' IS DISTINCT FROM current_user::text)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'caledger: an event inserted by role "%" says it was recorded by % '
                    '(a new event must name the role that inserts it)', current_user, claimed
          USING ERRCODE = '42501';
  END IF;
  RETURN NULL;
END
$caledger$"""
    statements = [append_only, recorded_by]
    for table in (EVENTS, CHAIN_TABLE):
        statements += [
            f"CREATE OR REPLACE TRIGGER caledger_append_only BEFORE UPDATE OR DELETE ON "
            f"{_q(s, table)} FOR EACH ROW EXECUTE FUNCTION {_q(s, 'caledger_append_only')}()",
            f"CREATE OR REPLACE TRIGGER caledger_no_truncate BEFORE TRUNCATE ON "
            f"{_q(s, table)} FOR EACH STATEMENT EXECUTE FUNCTION "
            f"{_q(s, 'caledger_append_only')}()",
        ]
    statements.append(
        f"CREATE OR REPLACE TRIGGER caledger_recorded_by AFTER INSERT ON {_q(s, EVENTS)} "
        f"REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "
        f"{_q(s, 'caledger_recorded_by')}()")
    return statements


def guards_installed(conn: Any, schema: str) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass(%s) "
        "AND tgname IN ('caledger_append_only', 'caledger_no_truncate', 'caledger_recorded_by')",
        (_q(schema, EVENTS),)).fetchone()
    return bool(row) and row[0] == 3


def install_guards(conn: Any, schema: str) -> None:
    for statement in guard_statements(schema):
        conn.execute(statement)


#: The read model's tables a writer's projection adds to, and what it may do to each: rows
#: are only inserted, but for the close of a record's current version (``valid_to``), the
#: per-company counts (an upsert) and the tracked position (an upsert). Nothing else.
READ_MODEL_WRITES = {
    "rm_log": "INSERT",
    "rm_versions": "INSERT, UPDATE (valid_to)",
    "rm_companies": "INSERT, UPDATE (records, last_position, max_span)",
    "notification_tracking": "INSERT, UPDATE (notification_id)",
}


def read_model_guard_statements(schema: str) -> list[str]:
    """The function and triggers that keep a writer's changes to the read model to what
    the projection of new events does (idempotent). For every role but the tables' owner:
    no DELETE nor TRUNCATE; a row inserted only for a stored position the read model has
    not tracked yet; a version closed (``valid_to``, once) only by a not yet tracked event
    of the same record's stream; a company's counts only grown, by a new position; the
    tracked position never past what ``rm_log`` holds. Installed by ``grant --writer``."""
    s = schema
    function = f"""
CREATE OR REPLACE FUNCTION {_q(s, 'caledger_read_model_guard')}() RETURNS trigger
LANGUAGE plpgsql AS $caledger$
DECLARE
  tracked bigint;
  ok boolean := false;
BEGIN
  IF pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID),
                 'USAGE') THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT coalesce(max(notification_id), 0) INTO tracked
      FROM {_q(s, 'notification_tracking')} WHERE application_name = 'caledger-readmodel';
    IF TG_TABLE_NAME = 'rm_log' THEN
      ok := TG_OP = 'INSERT' AND NEW.position > tracked
            AND EXISTS (SELECT 1 FROM {_q(s, EVENTS)} WHERE notification_id = NEW.position);
    ELSIF TG_TABLE_NAME = 'rm_versions' AND TG_OP = 'INSERT' THEN
      ok := NEW.position > tracked
            AND EXISTS (SELECT 1 FROM {_q(s, 'rm_log')} WHERE position = NEW.position);
    ELSIF TG_TABLE_NAME = 'rm_versions' THEN
      ok := OLD.valid_to IS NULL AND NEW.valid_to > tracked
            AND (SELECT originator_id FROM {_q(s, EVENTS)} WHERE notification_id = NEW.valid_to)
              = (SELECT originator_id FROM {_q(s, EVENTS)} WHERE notification_id = OLD.position);
    ELSIF TG_TABLE_NAME = 'rm_companies' AND TG_OP = 'INSERT' THEN
      ok := NEW.last_position > tracked;
    ELSIF TG_TABLE_NAME = 'rm_companies' THEN
      ok := NEW.last_position > tracked AND NEW.last_position > OLD.last_position
            AND NEW.records >= OLD.records AND NEW.max_span >= OLD.max_span;
    ELSIF TG_TABLE_NAME = 'notification_tracking' THEN
      ok := NEW.application_name = 'caledger-readmodel'
            AND NEW.notification_id <= (SELECT coalesce(max(position), 0)
                                          FROM {_q(s, 'rm_log')});
    END IF;
  END IF;
  IF ok THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'caledger: role "%" may not % %: the read model changes only by projecting '
                  'the log (only its owner may otherwise change it)', current_user, TG_OP,
                  TG_TABLE_NAME
        USING ERRCODE = '42501';
END
$caledger$"""
    statements = [function]
    for table in READ_MODEL_WRITES:
        statements += [
            f"CREATE OR REPLACE TRIGGER caledger_read_model_guard BEFORE INSERT OR UPDATE OR "
            f"DELETE ON {_q(s, table)} FOR EACH ROW EXECUTE FUNCTION "
            f"{_q(s, 'caledger_read_model_guard')}()",
            f"CREATE OR REPLACE TRIGGER caledger_no_truncate BEFORE TRUNCATE ON "
            f"{_q(s, table)} FOR EACH STATEMENT EXECUTE FUNCTION "
            f"{_q(s, 'caledger_read_model_guard')}()",
        ]
    return statements


def grant_statements(schema: str, role: str, level: str, tables: list[str]) -> list[str]:
    """The SQL that makes ``role`` a ``level`` of the ledger in ``schema`` (whose tables are
    ``tables``); run by the ledger's owner or a superuser."""
    if level not in LEVELS:
        raise ValueError(level)
    s, r = schema, _q(role)
    if level == "owner":
        functions = ["caledger_append_only", "caledger_recorded_by"]
        guard = _q(s, "caledger_read_model_guard")  # made by a first grant --writer
        literal = "'" + guard.replace("'", "''") + "()'"
        return [f"ALTER SCHEMA {_q(s)} OWNER TO {r}",
                *(f"ALTER TABLE {_q(s, t)} OWNER TO {r}" for t in tables),
                *(f"ALTER FUNCTION {_q(s, f)}() OWNER TO {r}" for f in functions),
                f"DO $caledger$ BEGIN IF to_regprocedure({literal}) IS NOT NULL THEN "
                f"ALTER FUNCTION {guard}() OWNER TO {r}; END IF; END $caledger$"]
    out = [f"GRANT USAGE ON SCHEMA {_q(s)} TO {r}",
           f"REVOKE ALL ON ALL TABLES IN SCHEMA {_q(s)} FROM {r}",
           f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {_q(s)} FROM {r}",
           f"GRANT SELECT ON ALL TABLES IN SCHEMA {_q(s)} TO {r}"]
    if level == "writer":
        out += [f"GRANT INSERT, UPDATE ON {_q(s, EVENTS)}, {_q(s, CHAIN_TABLE)} TO {r}",
                f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {_q(s)} TO {r}"]
        # The read model: only what projecting new events does, each checked by a trigger
        # (``read_model_guard_statements``); no DELETE, no TRUNCATE, no other column.
        present = [t for t in READ_MODEL_WRITES if t in tables]
        if present:
            out += read_model_guard_statements(s)
            out += [f"GRANT {READ_MODEL_WRITES[t]} ON {_q(s, t)} TO {r}" for t in present]
    return out


def tables(conn: Any, schema: str) -> list[str]:
    return [row[0] for row in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename",
        (schema,)).fetchall()]


def permission_problem(rows: Any, schema: str, action: str) -> str | None:
    """Why the session's role may not ``action`` ("write" or "rebuild") this ledger, as one
    line naming what it may do, or None when it may. ``rows(query, params)`` runs a query."""
    table = _q(schema, EVENTS)
    role, may_read, may_write, owns, owner = rows(
        "SELECT current_user, has_table_privilege(%s, 'SELECT'), "
        "has_table_privilege(%s, 'INSERT'), "
        "pg_has_role(current_user, c.relowner, 'USAGE'), pg_get_userbyid(c.relowner) "
        "FROM pg_class c WHERE c.oid = to_regclass(%s)", (table, table, table))[0]
    if owns or (action == "write" and may_write):
        return None
    can = "write to" if may_write else "read" if may_read else "not read"
    if action == "write":
        return f'role "{role}" may {can} this ledger but not write to it'
    return (f'role "{role}" may {can} this ledger but not rebuild it: only its owner '
            f'("{owner}") may')


def grant(env: dict[str, str], role: str, level: str, *, apply: bool = True) -> dict[str, Any]:
    """Make the existing database ``role`` a ``level`` of the ledger (``env``: the adapter's
    settings), in one transaction; with ``apply`` False, only return the SQL. The log's
    guards are installed first if the ledger predates them."""
    import psycopg

    from ..errors import NotPermitted, RejectedInput
    from .postgres import _connect

    schema = env["POSTGRES_SCHEMA"]
    with _connect(env) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            raise RejectedInput(f'role "{role}" does not exist on this server; create it '
                                f'first (CREATE ROLE "{role}" LOGIN PASSWORD ...), then grant')
        statements = ([] if guards_installed(conn, schema) else guard_statements(schema)) \
            + grant_statements(schema, role, level, tables(conn, schema))
        if apply:
            try:
                with conn.transaction():
                    for statement in statements:
                        conn.execute(statement)
            except psycopg.errors.InsufficientPrivilege as e:
                me = conn.execute("SELECT current_user").fetchone()[0]
                raise NotPermitted(f'role "{me}" may not grant roles on this ledger (only its '
                                   f"owner or a superuser may): {str(e).splitlines()[0]}"
                                   ) from None
    return {"role": role, "level": level, "schema": schema, "applied": apply,
            "statements": statements}
