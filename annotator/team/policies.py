"""Team roles enforced by PostgreSQL itself: members, row-level security, blind coding.

Each person connects as their own database login; ``team_members`` says which member and
role (lead, reviewer, coder) a login is. Row-level security on ``team_rows`` then decides
what each session may read and write, so a coder who opens the database with ``psql``
still cannot read a colleague's spans:

- a lead reads and writes everything (the scheme, documents, actors, assignments);
- a reviewer reads everything and writes gold spans (owner ``gold``), review decisions,
  their own comments, and the gold annotator;
- a coder reads the shared rows (documents, labels, layers, actors, annotators), their
  own rows, and other people's rows only on documents the lead has opened for review;
  they write only their own spans, links, comments and statuses, and only under their
  own annotator (a span naming a colleague's annotator is refused);
- a login that is not an active member reads and writes nothing.

The checks are ``SECURITY DEFINER`` functions (they read ``team_members`` and
``team_rows`` past the policies, which a policy on ``team_rows`` could not do without
recursing). Opening documents for review re-stamps their rows, so that coders' change
feeds (which only look forward) bring them.
"""

from __future__ import annotations

_OWNED = "('span', 'link', 'comment', 'doc_status', 'review_decision', 'assignment')"

SCHEMA_V2 = f"""
ALTER TABLE team_rows ADD COLUMN IF NOT EXISTS doc text;
CREATE INDEX IF NOT EXISTS team_rows_doc ON team_rows (doc, kind);
UPDATE team_rows SET doc = key WHERE kind = 'document' AND doc IS NULL;
UPDATE team_rows SET doc = parent WHERE parent_kind = 'document' AND doc IS NULL;
UPDATE team_rows t SET doc = s.doc FROM team_rows s
    WHERE t.parent_kind = 'span' AND s.kind = 'span' AND s.key = t.parent AND t.doc IS NULL;
CREATE TABLE IF NOT EXISTS team_members (
    member text PRIMARY KEY,
    login text NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('lead', 'reviewer', 'coder')),
    active boolean NOT NULL DEFAULT true,
    added timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS team_open (
    doc text PRIMARY KEY,
    opened timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE team_replicas ADD COLUMN IF NOT EXISTS login text NOT NULL DEFAULT session_user;

CREATE OR REPLACE FUNCTION team_me() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
    SELECT member FROM team_members WHERE login = session_user AND active
$$;

CREATE OR REPLACE FUNCTION team_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
    SELECT role FROM team_members WHERE login = session_user AND active
$$;

CREATE OR REPLACE FUNCTION team_may_read(k text, own text, d text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE r text := team_role();
BEGIN
    IF r IS NULL THEN RETURN false; END IF;
    IF r IN ('lead', 'reviewer') THEN RETURN true; END IF;
    IF k NOT IN {_OWNED} THEN RETURN true; END IF;
    IF own = team_me() THEN RETURN true; END IF;
    IF k = 'assignment' THEN RETURN false; END IF;
    RETURN d IS NOT NULL AND EXISTS (SELECT 1 FROM team_open o WHERE o.doc = d);
END $$;

CREATE OR REPLACE FUNCTION team_may_write(k text, own text, d jsonb, par text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE r text := team_role(); me text := team_me();
BEGIN
    IF r IS NULL THEN RETURN false; END IF;
    IF r = 'lead' THEN RETURN true; END IF;
    IF k = 'annotator' THEN
        RETURN d ->> 'name' = me OR (r = 'reviewer' AND d ->> 'name' = 'gold');
    END IF;
    IF k NOT IN ('span', 'link', 'comment', 'doc_status', 'review_decision') THEN
        RETURN false;
    END IF;
    IF k = 'review_decision' THEN RETURN r = 'reviewer' AND own = me; END IF;
    IF k = 'comment' THEN RETURN own = me; END IF;
    IF NOT (own = me AND r = 'coder' OR own = 'gold' AND r = 'reviewer') THEN
        RETURN false;
    END IF;
    IF k IN ('span', 'doc_status') AND d ? 'annotator' THEN
        RETURN EXISTS (SELECT 1 FROM team_rows a WHERE a.kind = 'annotator'
                       AND a.key = d ->> 'annotator' AND a.data ->> 'name' = own);
    END IF;
    IF k = 'link' AND par IS NOT NULL THEN
        RETURN EXISTS (SELECT 1 FROM team_rows s WHERE s.kind = 'span' AND s.key = par
                       AND s.owner = own);
    END IF;
    RETURN true;
END $$;

-- Whether this session may push the row (kind, key): as a new row its role may write, and
-- over the row already there, if it may change that one. (A check of the push's rows
-- before they are written, so that one refused row is reported rather than failing
-- the push: the policies below enforce the same.)
CREATE OR REPLACE FUNCTION team_may_push(k text, ky text, own text, d jsonb, par text,
                                         dead boolean) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE t record;
BEGIN
    SELECT owner, data, parent INTO t FROM team_rows WHERE kind = k AND key = ky;
    IF FOUND THEN
        IF NOT team_may_write(k, t.owner, t.data, t.parent) THEN RETURN false; END IF;
        IF dead THEN RETURN true; END IF;
    END IF;
    RETURN team_may_write(k, own, d, coalesce(par, t.parent));
END $$;

-- Tombstones for the rows under rows this push deleted (a document's spans, a span's
-- links and comments), whoever owns them: burying the children of a row that really is
-- deleted is always right.
CREATE OR REPLACE FUNCTION team_bury(writer_id text, kinds text[], keys text[])
RETURNS SETOF text
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH RECURSIVE dead (kind, key) AS (
        SELECT t.kind, t.key FROM unnest(kinds, keys) AS g (kind, key)
        JOIN team_rows t USING (kind, key) WHERE t.deleted
        UNION
        SELECT t.kind, t.key FROM team_rows t JOIN dead d
            ON t.parent_kind = d.kind AND t.parent = d.key
    )
    UPDATE team_rows t SET deleted = true, data = '{{}}'::jsonb, writer = writer_id,
        xid = pg_current_xact_id(), seq = nextval('team_seq'), written = now()
    FROM dead WHERE t.kind = dead.kind AND t.key = dead.key AND NOT t.deleted
    RETURNING t.kind
$$;

-- Re-stamp the owned rows of documents, so that change feeds bring them again (opening
-- documents for review: only leads may).
CREATE OR REPLACE FUNCTION team_restamp(docs text[]) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE n bigint;
BEGIN
    IF team_role() IS DISTINCT FROM 'lead' AND session_user <> (
            SELECT tableowner FROM pg_tables WHERE tablename = 'team_rows'
            AND schemaname = 'public') THEN
        RAISE EXCEPTION 'only a lead opens documents for review'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE team_rows SET xid = pg_current_xact_id(), seq = nextval('team_seq')
    WHERE doc = ANY (docs) AND kind IN {_OWNED} AND kind <> 'assignment';
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;

ALTER TABLE team_rows ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS team_read ON team_rows;
CREATE POLICY team_read ON team_rows FOR SELECT USING (team_may_read(kind, owner, doc));
DROP POLICY IF EXISTS team_add ON team_rows;
CREATE POLICY team_add ON team_rows FOR INSERT
    WITH CHECK (team_may_write(kind, owner, data, parent));
DROP POLICY IF EXISTS team_change ON team_rows;
CREATE POLICY team_change ON team_rows FOR UPDATE
    USING (team_may_write(kind, owner, data, parent))
    WITH CHECK (team_may_write(kind, owner, data, parent) OR deleted);
ALTER TABLE team_replicas ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS team_replicas_read ON team_replicas;
CREATE POLICY team_replicas_read ON team_replicas FOR SELECT USING (team_role() IS NOT NULL);
DROP POLICY IF EXISTS team_replicas_write ON team_replicas;
CREATE POLICY team_replicas_write ON team_replicas FOR ALL
    USING (member = team_me()) WITH CHECK (member = team_me());
REVOKE ALL ON FUNCTION team_restamp(text[]) FROM PUBLIC;
"""


def member_sql(login: str, member: str, role: str, database: str) -> list[str]:
    """What makes ``login`` the team member ``member`` with ``role`` (run by the lead,
    or by a database administrator: CREATE ROLE needs CREATEROLE)."""
    who = quote_ident(login)
    return [
        f"DO $$ BEGIN CREATE ROLE {who} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; "
        "END $$",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {quote_ident(database)} TO {who}",
        f"GRANT USAGE ON SCHEMA public TO {who}",
        f"GRANT SELECT, INSERT, UPDATE ON team_rows, team_replicas TO {who}",
        f"GRANT SELECT ON team_info, team_open TO {who}",
        f"GRANT USAGE ON SEQUENCE team_seq TO {who}",
        *([f"GRANT SELECT, INSERT, UPDATE, DELETE ON team_info, team_members, team_open "
           f"TO {who}", f"GRANT EXECUTE ON FUNCTION team_restamp(text[]) TO {who}"]
          if role == "lead" else []),
        "INSERT INTO team_members (member, login, role) VALUES "
        f"({quote_literal(member)}, {quote_literal(login)}, {quote_literal(role)}) "
        "ON CONFLICT (member) DO UPDATE SET login = EXCLUDED.login, role = EXCLUDED.role, "
        "active = true",
    ]


def revoke_sql(login: str, member: str) -> list[str]:
    who = quote_ident(login)
    return [
        f"UPDATE team_members SET active = false WHERE member = {quote_literal(member)}",
        f"REVOKE INSERT, UPDATE ON team_rows, team_replicas FROM {who}",
    ]


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
