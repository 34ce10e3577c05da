-- ---------------------------------------------------------------------------
-- 90_distribute.sql -- jeugdnorm on Citus (DEFINITIONS.md section 12,
-- issue 19; doc/citus.md).  New in 0.3.0.
--
-- jeugdnorm.distribute(shard_count) turns a single-node installation on the
-- coordinator of a Citus cluster into a distributed one:
--
--   * the client-keyed input tables toewijzing, declaratie and verzoek are
--     hash-distributed by client_id, co-located (one co-location group: a
--     client's allocations, claim lines and requests are in one shard
--     group);
--   * the catalogue tables (product, norm, contract, aanbieder, wijk,
--     product_mapping) become reference tables (a copy on every node);
--   * settings, rejected, access, pseudonym_key, the logs and the money
--     inputs stay plain tables on the coordinator (settings has a trigger
--     Citus refuses; the pseudonym key must never leave the coordinator).
--
-- How: phase 1 of ../shared/citus/README.md section 3.  Each of those nine
-- tables is renamed to jeugdnorm_internal.<name>_snapshot (with its rows)
-- and a new table of the same name and columns takes its place and goes to
-- Citus.  Every view, materialised view and SQL-bodied function is bound
-- to its tables by OID, so they all keep reading the snapshots, which are
-- plain coordinator tables: refresh() first refills the snapshots from the
-- Citus tables (jeugdnorm_internal.distributed_snapshot()) and then
-- computes exactly as on one node.  Every contract view therefore returns
-- the same rows as a single-node database with the same data (make
-- test-citus compares them all), whatever Citus can or cannot push down
-- (global windows, SQL-standard bodies, correlated sub-selects: README
-- section 1 rows 11-17).  Loads (the loaders, COPY) go by name to the
-- Citus tables.  The price: the per-client work is not yet done in the
-- shards (phase 2), and the coordinator holds a second copy of the inputs.
--
-- What changes for the Citus tables (Citus' own rules, measured in
-- ../shared/citus/README.md section 1):
--   * a primary key must contain the distribution column: toewijzing's key
--     becomes (client_id, gemeente, toewijzingnummer), declaratie's
--     (client_id, declaratie_id), verzoek's (client_id, gemeente,
--     verzoeknummer).  (gemeente, toewijzingnummer) is then no longer
--     enforced unique across clients;
--   * client_id becomes NOT NULL (Citus cannot place a row without it);
--     distribute() refuses to run while any row lacks one (23502), and
--     while an allocation key is held by two rows (23505, possible only in
--     data restored from a distributed database), without changing
--     anything;
--   * no triggers (Citus refuses them): no change capture, so refresh() is
--     always full in distributed mode; the snapshots lose their capture
--     triggers too;
--   * no row-level security policies (Citus refuses policies with
--     sub-selects): readers never read these tables (the contract views run
--     as their owner and filter by jeugdnorm.access on the coordinator);
--     a loader on a cluster writes every gemeente it is granted.
--
-- Idempotent: a second call finds each table done and says so.  Without
-- the citus extension in the database it does nothing but say so (NOTICE),
-- as DEFINITIONS.md section 12 asks.  On a worker it fails (55000): the
-- metadata lives on the coordinator.
--
-- jeugdnorm_internal.is_distributed(): true when toewijzing is a Citus
-- table (read by refresh(); false without citus).
-- ---------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION jeugdnorm_internal.is_distributed()
RETURNS boolean
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r boolean;
BEGIN
    IF pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NULL THEN
        RETURN false;
    END IF;
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition
                             WHERE logicalrelid = ''jeugdnorm.toewijzing''::pg_catalog.regclass)' INTO r;
    RETURN r;
END;
$$;

COMMENT ON FUNCTION jeugdnorm_internal.is_distributed() IS
    'true when jeugdnorm.toewijzing is a Citus distributed table (jeugdnorm.distribute() ran); false without citus';

-- distributed_pairs(): the Citus tables and their coordinator snapshots
-- (kind 'h' hash-distributed by client_id, 'n' reference).
CREATE OR REPLACE FUNCTION jeugdnorm_internal.distributed_pairs()
RETURNS TABLE (name text, kind "char", key_cols text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT v.name, v.kind, v.key_cols
      FROM (VALUES ('toewijzing'::text, 'h'::"char", 'client_id, gemeente, toewijzingnummer'::text),
                   ('declaratie', 'h', 'client_id, declaratie_id'),
                   ('verzoek', 'h', 'client_id, gemeente, verzoeknummer'),
                   ('aanbieder', 'n', NULL),
                   ('contract', 'n', NULL),
                   ('norm', 'n', NULL),
                   ('product', 'n', NULL),
                   ('product_mapping', 'n', NULL),
                   ('wijk', 'n', NULL)) AS v(name, kind, key_cols);
END;

COMMENT ON FUNCTION jeugdnorm_internal.distributed_pairs() IS
    'the tables jeugdnorm.distribute() puts on Citus (kind h: distributed by client_id with key key_cols; n: reference table); each keeps a coordinator snapshot jeugdnorm_internal.<name>_snapshot that refresh() refills';

-- distributed_snapshot(): refresh()'s first step in distributed mode: it
-- refuses (23505, the keys named) an allocation or request key held by two
-- clients, then every snapshot gets the rows of its Citus table (DELETE + INSERT in the calling
-- transaction, so readers keep the old rows until the refresh commits),
-- then ANALYZE.  Returns the rows copied.
CREATE OR REPLACE FUNCTION jeugdnorm_internal.distributed_snapshot()
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p record;
    r record;
    n bigint;
    total bigint := 0;
    dup_keys text[];
    listed text[];
    detail text;
BEGIN
    -- An allocation or request key held by two clients.  On one node the
    -- primary key (gemeente, toewijzingnummer) refuses the second row; on
    -- Citus the keys lead with client_id, so a plain INSERT or COPY (not
    -- the loaders: they replace any client's row) can store one allocation
    -- under two clients.  The snapshots keep the single-node key and the
    -- shard fills would count the allocation for both clients, so the
    -- refresh stops here, before anything changed, with the keys named
    -- (refresh_job() logs the message in refresh_log), rather than let
    -- the per-client tables and the coordinator views disagree.
    FOR r IN SELECT v.tab, v.col, v.what
               FROM (VALUES ('toewijzing'::text, 'toewijzingnummer'::text, 'allocation'::text),
                            ('verzoek', 'verzoeknummer', 'request')) AS v(tab, col, what) LOOP
        EXECUTE pg_catalog.format(
            'SELECT pg_catalog.array_agg(d.k) FROM (SELECT gemeente || '' '' || %1$I AS k FROM jeugdnorm.%2$I'
            ' GROUP BY gemeente, %1$I HAVING pg_catalog.count(*) > 1) d', r.col, r.tab) INTO dup_keys;
        IF dup_keys IS NOT NULL THEN
            listed := '{}';
            FOR p IN EXECUTE pg_catalog.format(
                'SELECT gemeente, %1$I AS k, client_id FROM jeugdnorm.%2$I WHERE gemeente || '' '' || %1$I = ANY ($1)',
                r.col, r.tab) USING dup_keys LOOP
                listed := listed || pg_catalog.format('(%s, %s) client %s', p.gemeente, p.k, p.client_id);
            END LOOP;
            SELECT pg_catalog.string_agg(x, '; ' ORDER BY x) INTO detail
              FROM (SELECT x FROM pg_catalog.unnest(listed) x ORDER BY x LIMIT 20) l;
            RAISE EXCEPTION 'jeugdnorm refresh: % % keys (gemeente, %) are held by more than one client',
                            pg_catalog.cardinality(dup_keys), r.what, r.col
                USING ERRCODE = 'unique_violation',
                      DETAIL = pg_catalog.format('%s (the first 20 rows).  Nothing was changed.', detail),
                      HINT = pg_catalog.format('On Citus the keys of jeugdnorm.%1$s lead with client_id, so a plain INSERT or COPY can store a key under a second client (the loaders replace the stored row instead).  Delete the wrong rows and refresh again; all of them: SELECT * FROM jeugdnorm.%1$s WHERE (gemeente, %2$s) IN (SELECT gemeente, %2$s FROM jeugdnorm.%1$s GROUP BY 1, 2 HAVING count(*) > 1)', r.tab, r.col);
        END IF;
    END LOOP;

    FOR p IN SELECT * FROM jeugdnorm_internal.distributed_pairs() LOOP
        EXECUTE pg_catalog.format('DELETE FROM jeugdnorm_internal.%I', p.name || '_snapshot');
        EXECUTE pg_catalog.format('INSERT INTO jeugdnorm_internal.%I SELECT * FROM jeugdnorm.%I',
                                  p.name || '_snapshot', p.name);
        GET DIAGNOSTICS n = ROW_COUNT;
        total := total + n;
        EXECUTE pg_catalog.format('ANALYZE jeugdnorm_internal.%I', p.name || '_snapshot');
    END LOOP;
    RETURN total;
END;
$$;

COMMENT ON FUNCTION jeugdnorm_internal.distributed_snapshot() IS
    'distributed mode: refuses (23505, the keys named) an allocation or request key held by more than one client, then refills every coordinator snapshot (jeugdnorm_internal.<name>_snapshot) from its Citus table and analyses it; refresh() calls it first; returns the rows copied';
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.distributed_snapshot() FROM PUBLIC;

CREATE OR REPLACE FUNCTION jeugdnorm.distribute(shard_count integer DEFAULT 32)
RETURNS TABLE (object text, action text)
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    gid      integer;
    p        record;
    g        record;
    kind     "char";
    n_null   bigint;
    detail   text := '';
    n_dup    bigint;
    trg      record;
    snap     text;
    first_h  boolean := true;
    caller_msgs text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'citus') THEN
        RAISE NOTICE 'jeugdnorm.distribute(): extension citus is not installed in this database; nothing distributed'
            USING HINT = 'On a Citus coordinator: CREATE EXTENSION citus on every node first (doc/citus.md).';
        RETURN;
    END IF;
    EXECUTE 'SELECT groupid FROM pg_catalog.pg_dist_local_group' INTO gid;
    IF gid IS DISTINCT FROM 0 THEN
        RAISE EXCEPTION 'jeugdnorm.distribute() must run on the Citus coordinator, not on a worker (group %)', gid
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Connect to the coordinator and call it there; it distributes the tables to every worker.';
    END IF;
    IF shard_count IS NULL OR shard_count < 1 OR shard_count > 64000 THEN
        RAISE EXCEPTION 'jeugdnorm.distribute(): shard_count must be between 1 and 64000, not %', shard_count
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- the checks, before anything changes (tables not distributed yet only)
    FOR p IN SELECT * FROM jeugdnorm_internal.distributed_pairs() x WHERE x.kind = 'h' LOOP
        CONTINUE WHEN pg_catalog.to_regclass('jeugdnorm_internal.' || p.name || '_snapshot') IS NOT NULL;
        EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM jeugdnorm.%I WHERE client_id IS NULL', p.name)
            INTO n_null;
        IF n_null > 0 THEN
            detail := detail || pg_catalog.format('%s%s: %s rows', CASE WHEN detail <> '' THEN ', ' END, p.name, n_null);
        END IF;
    END LOOP;
    IF detail <> '' THEN
        RAISE EXCEPTION 'jeugdnorm.distribute(): rows without client_id cannot be distributed'
            USING ERRCODE = 'not_null_violation',
                  DETAIL = 'Without client_id: ' || detail || '.  Nothing was changed.',
                  HINT = 'Citus places every row by its client_id.  Give these rows a client_id (or delete them) and call distribute() again.';
    END IF;
    IF pg_catalog.to_regclass('jeugdnorm_internal.toewijzing_snapshot') IS NULL THEN
        SELECT pg_catalog.count(*) INTO n_dup
          FROM (SELECT 1 FROM jeugdnorm.toewijzing
                 GROUP BY gemeente, toewijzingnummer HAVING pg_catalog.count(*) > 1) d;
        IF n_dup > 0 THEN
            RAISE EXCEPTION 'jeugdnorm.distribute(): % allocation keys (gemeente, toewijzingnummer) are held by more than one row', n_dup
                USING ERRCODE = 'unique_violation',
                      DETAIL = 'Nothing was changed.',
                      HINT = 'A claim line or request names its allocation by (gemeente, toewijzingnummer): keep one row per key (SELECT * FROM jeugdnorm.toewijzing WHERE (gemeente, toewijzingnummer) IN (SELECT gemeente, toewijzingnummer FROM jeugdnorm.toewijzing GROUP BY 1, 2 HAVING count(*) > 1) lists them) and call distribute() again.';
        END IF;
    END IF;

    FOR p IN SELECT * FROM jeugdnorm_internal.distributed_pairs() LOOP
        object := 'jeugdnorm.' || p.name;
        snap := p.name || '_snapshot';
        IF pg_catalog.to_regclass('jeugdnorm_internal.' || snap) IS NOT NULL THEN
            EXECUTE pg_catalog.format(
                'SELECT partmethod FROM pg_catalog.pg_dist_partition WHERE logicalrelid = %L::pg_catalog.regclass',
                object) INTO kind;
            action := CASE WHEN kind = 'h' THEN 'already distributed by client_id'
                           WHEN kind = 'n' THEN 'already a reference table'
                           ELSE 'snapshot exists but the table is not a Citus table: see doc/citus.md' END;
            RETURN NEXT;
            CONTINUE;
        END IF;
        -- 1. the table with its rows becomes the coordinator snapshot: every
        --    view, materialised view and SQL function is bound to it by OID
        --    and keeps reading it (refresh() refills it first)
        EXECUTE pg_catalog.format('ALTER TABLE jeugdnorm.%I RENAME TO %I', p.name, snap);
        EXECUTE pg_catalog.format('ALTER TABLE jeugdnorm.%I SET SCHEMA jeugdnorm_internal', snap);
        FOR trg IN
            SELECT tg.tgname FROM pg_catalog.pg_trigger tg
             WHERE tg.tgrelid = pg_catalog.format('jeugdnorm_internal.%I', snap)::pg_catalog.regclass
               AND NOT tg.tgisinternal
        LOOP
            EXECUTE pg_catalog.format('DROP TRIGGER %I ON jeugdnorm_internal.%I', trg.tgname, snap);
        END LOOP;
        -- 2. a new table of the same name, columns, defaults, CHECKs,
        --    indexes and comments (no triggers, no policies: Citus refuses
        --    both), the snapshot's privileges, member of the extension
        EXECUTE pg_catalog.format('CREATE TABLE jeugdnorm.%I (LIKE jeugdnorm_internal.%I INCLUDING ALL)', p.name, snap);
        -- (Citus NOTICEs that it does not propagate member objects: the
        -- workers' own jeugdnorm already has this table, it serves as the shell)
        caller_msgs := pg_catalog.current_setting('client_min_messages');
        PERFORM pg_catalog.set_config('client_min_messages', 'warning', true);
        EXECUTE pg_catalog.format('ALTER EXTENSION jeugdnorm ADD TABLE jeugdnorm.%I', p.name);
        PERFORM pg_catalog.set_config('client_min_messages', caller_msgs, true);
        FOR g IN
            SELECT x.privilege_type, x.grantee
              FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) x
             WHERE c.oid = pg_catalog.format('jeugdnorm_internal.%I', snap)::pg_catalog.regclass
               AND x.grantee <> c.relowner
        LOOP
            EXECUTE pg_catalog.format('GRANT %s ON jeugdnorm.%I TO %s', g.privilege_type, p.name,
                                      CASE WHEN g.grantee = 0 THEN 'PUBLIC'
                                           ELSE pg_catalog.quote_ident(g.grantee::pg_catalog.regrole::text) END);
        END LOOP;
        -- a serial column's sequence follows the table back to schema
        -- jeugdnorm (the new table's default draws from it, as before)
        FOR g IN
            SELECT d.objid::pg_catalog.regclass AS seq, a.attname
              FROM pg_catalog.pg_depend d
              JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
             WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
               AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
               AND d.refobjid = pg_catalog.format('jeugdnorm_internal.%I', snap)::pg_catalog.regclass
               AND d.deptype = 'a'
               AND EXISTS (SELECT 1 FROM pg_catalog.pg_class sc WHERE sc.oid = d.objid AND sc.relkind = 'S')
        LOOP
            EXECUTE pg_catalog.format('ALTER SEQUENCE %s OWNED BY NONE', g.seq);
            EXECUTE pg_catalog.format('ALTER SEQUENCE %s SET SCHEMA jeugdnorm', g.seq);
            EXECUTE pg_catalog.format('ALTER SEQUENCE jeugdnorm.%I OWNED BY jeugdnorm.%I.%I',
                                      (SELECT sc.relname FROM pg_catalog.pg_class sc WHERE sc.oid = g.seq),
                                      p.name, g.attname);
        END LOOP;
        EXECUTE pg_catalog.format('COMMENT ON TABLE jeugdnorm_internal.%I IS %L', snap,
                                  'coordinator snapshot of the Citus table jeugdnorm.' || p.name
                                  || ' (jeugdnorm.distribute()): the views read it; jeugdnorm.refresh() refills it first');
        -- 3. on Citus, with the rows
        IF p.kind = 'h' THEN
            EXECUTE pg_catalog.format('ALTER TABLE jeugdnorm.%1$I ALTER COLUMN client_id SET NOT NULL, '
                                      'DROP CONSTRAINT %2$I, ADD CONSTRAINT %2$I PRIMARY KEY (%3$s)',
                                      p.name, p.name || '_pkey', p.key_cols);
            IF first_h THEN
                PERFORM pg_catalog.set_config('citus.shard_count', shard_count::text, true);
                EXECUTE pg_catalog.format('SELECT create_distributed_table(%L, %L, colocate_with => %L)',
                                          object, 'client_id', 'none');
                action := pg_catalog.format('key (%s); distributed by client_id, %s shards', p.key_cols, shard_count);
            ELSE
                EXECUTE pg_catalog.format('SELECT create_distributed_table(%L, %L, colocate_with => %L)',
                                          object, 'client_id', 'jeugdnorm.toewijzing');
                action := pg_catalog.format('key (%s); distributed by client_id, co-located with toewijzing', p.key_cols);
            END IF;
            first_h := false;
        ELSE
            EXECUTE pg_catalog.format('SELECT create_reference_table(%L)', object);
            action := 'reference table (a copy on every node)';
        END IF;
        EXECUTE pg_catalog.format('INSERT INTO jeugdnorm.%I SELECT * FROM jeugdnorm_internal.%I', p.name, snap);
        RETURN NEXT;
    END LOOP;

    -- a role that may UPDATE a distributed table may also DELETE from it:
    -- on Citus the loaders replace a stored row by delete + insert (a new
    -- client_id moves it to another shard; loader_upsert_distributed()).
    -- Every call re-applies this, so roles made by create_roles() after
    -- distribute() get it from a second call.
    FOR g IN
        SELECT DISTINCT c.relname, x.grantee
          FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) x
         WHERE c.relnamespace = 'jeugdnorm'::pg_catalog.regnamespace
           AND c.relname IN (SELECT d.name FROM jeugdnorm_internal.distributed_pairs() d WHERE d.kind = 'h')
           AND x.privilege_type = 'UPDATE' AND x.grantee <> c.relowner
    LOOP
        EXECUTE pg_catalog.format('GRANT DELETE ON jeugdnorm.%I TO %s', g.relname,
                                  CASE WHEN g.grantee = 0 THEN 'PUBLIC'
                                       ELSE pg_catalog.quote_ident(g.grantee::pg_catalog.regrole::text) END);
    END LOOP;

    -- phase 2 (91_distributed_tables.sql): the per-client path tables
    -- distributed by client_id, co-located; care_paths and
    -- allocation_follow_up read them on Citus
    RETURN QUERY SELECT x.object, x.action FROM jeugdnorm_internal.distribute_path_tables() x;

    FOR object IN SELECT x FROM pg_catalog.unnest(ARRAY['jeugdnorm.settings', 'jeugdnorm.rejected', 'jeugdnorm.access',
                                                        'jeugdnorm.pseudonym_key']) x LOOP
        action := 'stays on the coordinator';
        RETURN NEXT;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION jeugdnorm.distribute(integer) IS
    'Citus (DEFINITIONS.md section 12, doc/citus.md): on the coordinator, distributes toewijzing, declaratie and verzoek by client_id, co-located (shard_count shards; keys become (client_id, ...), client_id NOT NULL), makes the catalogue tables reference tables and keeps settings, rejected, access and the pseudonym key on the coordinator. Returns one row per object and what was done. Idempotent. Without the citus extension a no-op with a NOTICE; on a worker 55000; a row without client_id 23502; an allocation key held by two clients 23505 (nothing changed in either case).';

REVOKE EXECUTE ON FUNCTION jeugdnorm.distribute(integer) FROM PUBLIC;
