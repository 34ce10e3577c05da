-- ---------------------------------------------------------------------------
-- 80_refresh.sql -- jeugdnorm.refresh(): bring every materialised view up to
-- date, in dependency order (DEFINITIONS.md section 8).
--
--  * Which views: every materialised view in schema jeugdnorm_internal (the
--    path layer and whatever the analyses materialise there).
--  * Order: derived from the catalogue, not from a hand-kept list.  A
--    materialised view's query is a rewrite rule (pg_rewrite); pg_depend
--    records the relations that rule reads.  Walking those edges through
--    plain views gives "materialised view A reads materialised view B"; a
--    view is refreshed after every materialised view it reads (level =
--    longest chain below it), ties by name.
--  * CONCURRENTLY when the view is populated (pg_class.relispopulated), has
--    a usable unique index (unique, valid, immediate, no expression, no
--    WHERE) and something other than refresh() itself reads it.  From
--    pg_depend: the rewrite rules that read the view are followed up
--    through the plain views of jeugdnorm_internal (internal layers, read
--    by the views refreshed here); reaching a view of another schema (the
--    contract views of jeugdnorm), a materialised view not refreshed here,
--    or a function body or policy that depends on the view or on one of
--    those internal plain views makes it shared.  Readers of
--    the contract views are then not blocked while a refresh runs.  A view
--    that only the materialised views refreshed after it read (at 0.1.0
--    mv_path_allocations) gets a plain REFRESH: nobody else reads it, so
--    CONCURRENTLY's diff buys nothing, and it costs a quarter of the view's
--    refresh (the new rows written to a temporary table, ANALYZEd, joined
--    to the old rows on their whole image, the difference applied).  Its
--    ACCESS EXCLUSIVE lock is held to the end of the calling transaction
--    and blocks only direct readers of jeugdnorm_internal (no contract).
--    A function whose body is a string (plpgsql, $$-quoted SQL) records no
--    dependency, so such a function must not read these views directly.
--    A view left unpopulated (e.g. by REFRESH ... WITH NO DATA) is refreshed
--    plainly too, which populates it.
--  * Cost of CONCURRENTLY: the views are created WITH DATA (empty), so even
--    the first refresh after CREATE EXTENSION is concurrent; measured on
--    the demo region the second call (diff against full views) is not
--    slower than the first (diff against empty views, every row inserted).
--    The part of the diff that grew with rows x width -- PostgreSQL's
--    duplicate-row check, a sort of every row by its whole image -- is
--    skipped through each view's always-NULL refresh_null column (see
--    40_paths.sql); what is left is one hash full join on the unique index
--    columns plus writing the new rows to a temporary table.
--  * Memory: refresh() is a batch job that runs one at a time (the lock
--    below), like a maintenance command, so its queries run with work_mem
--    raised to maintenance_work_mem when that is larger (never lowered),
--    and the caller's work_mem is set back at the end.  At the big-city
--    scale (demo scale 20, 500,000 allocations, 5.4 million claim lines)
--    with work_mem 64MB the two sorts of mv_path_allocations (~54 and
--    ~72 MB on disk) and the claim aggregate of mv_care_paths (5 batches,
--    67 MB) spilled to temporary files; with maintenance_work_mem 512MB
--    they stay in memory.
--  * JIT off (changed in 0.3.0): refresh() runs with SET jit = off.  The
--    refresh queries are big (mv_data_quality_rows' plan compiles ~400
--    functions) and their plan costs pass jit_optimize_above_cost and
--    jit_inline_above_cost at any data size, so a server with JIT enabled
--    (PostgreSQL's default where LLVM is installed) spent more on compiling
--    than the compiled code saved.  Measured as backend CPU time on the
--    demo region at scale 2 (49,780 allocations, 533,150 claim lines):
--    REFRESH of mv_data_quality_rows 7.9 s with jit on against 2.8 s with
--    jit off (LLVM optimisation and emission of that plan alone ~5 s);
--    the whole refresh() 11.9-12.2 s against 6.6-6.9 s, the other seven
--    views the same either way.  At scale 20 JIT gained nothing either
--    (bench/RESULTS.md).  The caller's jit is back after the call.
--  * One refresh at a time: a transaction-level advisory lock on a fixed key
--    (7669172160390656613 = the bytes of 'jn_refre'); a second concurrent
--    call fails at once with SQLSTATE 55P03 (lock_not_available) instead of
--    queueing behind the first.  The lock is released when the calling
--    transaction ends, also on error.
--  * Statistics: REFRESH does not update pg_statistic, and the views
--    refreshed after a view read it: without fresh statistics the planner
--    kept the row counts of the previous refresh (0 after CREATE EXTENSION),
--    e.g. it expected a few rows of mv_path_allocations where the big-city
--    region has 500,000, and probed indexes per row instead of hashing.  So
--    a view is ANALYZEd right after its refresh when its statistics may be
--    stale by autovacuum's own rule: a plain REFRESH (a new heap, changes
--    unknown), a view never analysed (reltuples < 0), or a CONCURRENTLY
--    refresh whose diff inserted + deleted more than
--    autovacuum_analyze_threshold + autovacuum_analyze_scale_factor x
--    reltuples rows (50 + 10 % by default), counted from the transaction's
--    own statistics (pg_stat_get_xact_tuples_inserted / _deleted before and
--    after).  A nightly refresh that changes a few per cent of a view keeps
--    statistics that still describe it, and saves the ANALYZE (30,000
--    sampled rows, every column: ~0.3-0.9 s per view at the big-city scale).
--  * Security: SECURITY DEFINER with search_path pg_catalog, pg_temp, and
--    EXECUTE revoked from PUBLIC: the function refreshes views its owner
--    owns, so only the owner and the roles granted EXECUTE may run it
--    (GRANT EXECUTE ON FUNCTION jeugdnorm.refresh() TO <role>).  Every name
--    inside is schema-qualified, and view names are formatted as regclass
--    (quoted, qualified), so neither the caller's search_path nor objects
--    in pg_temp change what runs.
--  * Settings: the views read jeugdnorm.settings when they are refreshed, so
--    a settings change (peildatum, window, bounds, age filter, net-zero)
--    takes effect at the next jeugdnorm.refresh(), not before.  After a
--    restore from pg_dump the materialised views are empty until the first
--    refresh.
-- ---------------------------------------------------------------------------

--  * Progress and history (0.3.0): a NOTICE per step ("refresh step i/n:
--    view"; SET jeugdnorm.progress = off silences them), the session's application_name set to "jeugdnorm refresh
--    i/n view" while the step runs (another session sees it in
--    pg_stat_activity; set back at the end), and a row per run and per step
--    in jeugdnorm.refresh_log (79_refresh_log.sql), written in the calling
--    transaction.
--
--  * Incremental (0.3.0, issue 16; 97_incremental.sql and
--    doc/incremental-refresh.md): the views that jeugdnorm_internal.
--    refresh_registry calls per_client are tables.  refresh(full => false)
--    consumes the pending changes (jeugdnorm_internal.refresh_pending,
--    written by the change-capture triggers); when none asks for a full
--    recompute (a catalogue or settings change, a TRUNCATE, a statement
--    touching a large part of a fact table, or a change of allocations
--    without client_id) and the effective settings equal those
--    of the last refresh
--    (jeugdnorm_internal.refresh_state), the run is 'incremental': the
--    changed clients go into jeugdnorm_internal.refresh_changes with the
--    fact tables that changed for them; per table, the clients whose changed
--    tables meet the ones the view reads (refresh_registry.reads: a claim
--    line changes mv_care_paths, not mv_path_allocations) are put in
--    jeugdnorm_internal.refresh_clients (analysed: the views' semi-joins
--    with it get right estimates); every
--    per-client table first loses their rows (downstream first: a view
--    without client_id finds its rows through mv_path_allocations' old
--    rows) and then gets them back from its <v>_delta view (upstream
--    first); a table for which no changed client is in scope (nothing
--    pending, or only changes it does not read) is not touched at all.
--    Otherwise the run is 'full': every per-client table is recomputed
--    from its <v>_full view and only the difference is applied
--    (jeugdnorm_internal.refresh_table_full(), below: rows that did not
--    change are not written; readers keep the old rows until commit).
--    The materialised views left (strategy full)
--    are refreshed as before in both modes.  Everything happens in the
--    calling transaction: readers see the old or the new state, and a
--    failed or cancelled refresh leaves the tables and the pending changes
--    as they were.  A per-client table reports concurrently = true (its
--    readers are never blocked).
--
-- The signature changed in 0.3.0 (refresh(full boolean DEFAULT false)):
-- the upgrade drops refresh() first (src/upgrade/0.2.0--0.3.0.sql).
-- Re-runnable (CREATE OR REPLACE), so this file is also part of the
-- upgrade scripts (SET jit = off is a 0.3.0 change too, see above).

-- refresh_scope(): for one per-client table of an incremental refresh, the
-- predicate that selects its changed rows and the input tables it reads
-- (jeugdnorm_internal.refresh_registry, 97_incremental.sql); when that
-- scope differs from the one refresh_clients holds (cur_scope), refills
-- refresh_clients with the clients whose changes touch it and analyses it.
-- clients: how many clients refresh_clients holds for it (0: the table has
-- nothing to recompute, refresh() skips it).
-- Used by both passes of refresh() (delete, then insert).
CREATE OR REPLACE FUNCTION jeugdnorm_internal.refresh_scope(v pg_catalog.regclass, cur_scope pg_catalog.text[],
                                                            OUT pred pg_catalog.text, OUT scope pg_catalog.text[],
                                                            OUT clients pg_catalog.int8)
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    SELECT jeugdnorm_internal.refresh_expand(g.changed_rows), g.reads INTO pred, scope
      FROM jeugdnorm_internal.refresh_registry g
      JOIN pg_catalog.pg_class c ON c.relname = g.materialized_view
     WHERE c.oid = v;
    IF scope IS DISTINCT FROM cur_scope THEN
        DELETE FROM jeugdnorm_internal.refresh_clients;
        INSERT INTO jeugdnorm_internal.refresh_clients (client_id)
        SELECT x.client_id FROM jeugdnorm_internal.refresh_changes x WHERE x.sources && scope;
        ANALYZE jeugdnorm_internal.refresh_clients;
    END IF;
    SELECT pg_catalog.count(*) INTO clients FROM jeugdnorm_internal.refresh_clients;
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.refresh_scope(pg_catalog.regclass, pg_catalog.text[]) IS
    'internal (refresh): the changed-rows predicate, input scope and number of changed clients of a per-client table; refills refresh_clients when the scope changes';
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.refresh_scope(pg_catalog.regclass, pg_catalog.text[]) FROM PUBLIC;

-- refresh_table_full(): a full recompute of one per-client table, applied
-- as a difference, as REFRESH ... CONCURRENTLY does (0.2.0's way for these
-- views):
--   1. the rows of <v>_full are computed once into a temporary table
--      (CREATE TABLE AS; sized by the planner from its pages, which the
--      join below needs: see "tried" below);
--   2. one hash full join of the stored rows with the computed ones on the
--      columns of the table's unique index finds the difference: a stored
--      row without a computed row of its key, or whose columns differ, is
--      deleted; a computed row without a stored row of its key, or whose
--      columns differ, is inserted (the tuple ids are collected, then
--      DELETE ... WHERE ctid = ANY and INSERT ... WHERE ctid = ANY);
--   3. a row that did not change is neither deleted nor inserted.
-- So a full refresh of unchanged data writes nothing (no dead rows, no
-- index entries, no statistics gone stale), and the usual full refresh --
-- a new day with peildatum NULL, a catalogue change -- writes only the rows
-- it changes.  Until this (0.3.0 before issue 16's part 2) a full run
-- emptied the table with DELETE and inserted every row again; each insert
-- checked the unique index against the deleted versions of its key (one
-- heap visit per dead version, more with every run until a vacuum) and
-- maintained every index: 42.4 s for the seven tables at scale 20 against
-- 25.7 s for the materialised views they replaced.
-- An empty table (the first refresh after CREATE EXTENSION or an upgrade)
-- gets the computed rows straight (INSERT ... SELECT: no temporary copy,
-- no join; none of the <v>_full queries gets a parallel plan under CREATE
-- TABLE AS anyway -- windows and aggregates over every row, checked with
-- auto_explain at demo scale 5).
-- Tried and not kept (issue 16): joining the computed rows to the stored
-- ones as they are computed, keeping only the difference in the temporary
-- table (writes only what changed; 5 % less CPU over the per-client steps
-- at demo scale 5).  At scale 20 the planner, which has no statistics for
-- the coalesce() keys and now took the computed side's row estimate from
-- the query (mv_money_claim_sums_full: 24 million estimated), costed the
-- hash full join above the disabled merge join and sorted both sides:
-- that step took twice as long.  A temporary table's estimate comes from
-- its pages, so the hash join stays the planner's choice.
-- "Differ": per column IS DISTINCT FROM, which for the types these tables
-- use (integers, boolean, date, text of a deterministic collation, date
-- ranges and multiranges, whose equal values have equal canonical bytes)
-- is equality of the stored bytes; numeric also compares scale() (1.0 =
-- 1.00 but shows differently); a column of any other type makes the whole
-- row image the test (*=, as REFRESH ... CONCURRENTLY; about three times
-- the cost: the row is formed and deformed again; written n.* and t.*, as
-- a bare n or t is ambiguous when the table has a column of that name).  A key with a NULL
-- never matches (= is not true for NULL): such a row is deleted and
-- inserted again -- right, only not free.  Without a usable unique index
-- (unique, valid, immediate, no expression, no predicate; the one with the
-- fewest columns) every row is deleted and inserted.
-- Readers see the old rows until the refresh commits (DELETE and INSERT
-- in the calling transaction, ROW EXCLUSIVE lock only: never blocked); a
-- failure rolls everything back, the temporary table too.
-- Returns the rows deleted and inserted, and the rows the table holds
-- after it (= the rows computed: refresh() logs them without a count(*)).
CREATE OR REPLACE FUNCTION jeugdnorm_internal.refresh_table_full(v pg_catalog.regclass,
                                                                 OUT deleted pg_catalog.int8, OUT inserted pg_catalog.int8,
                                                                 OUT total pg_catalog.int8)
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    full_view constant pg_catalog.regclass := pg_catalog.to_regclass(v::pg_catalog.text || '_full');
    keys     pg_catalog.text[];
    on_keys  pg_catalog.text;
    same     pg_catalog.text;
    caller_mergejoin constant pg_catalog.text := pg_catalog.current_setting('enable_mergejoin');
    empty    pg_catalog.bool;
    old_rows pg_catalog.tid[];
    new_rows pg_catalog.tid[];
BEGIN
    IF full_view IS NULL THEN
        RAISE EXCEPTION 'jeugdnorm refresh: % has no computing view %_full', v, v
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    -- per key column: NULL matches NULL (the unique indexes are NULLS NOT
    -- DISTINCT): coalesce() to a value of the type plus the NULL flag, both
    -- hashable; for a type not listed, plain = (a NULL key never matches)
    SELECT pg_catalog.array_agg(pg_catalog.format(
               CASE WHEN a.atttypid IN ('pg_catalog.text'::pg_catalog.regtype, 'pg_catalog.varchar'::pg_catalog.regtype)
                    THEN 'COALESCE(n.%1$I, '''') = COALESCE(t.%1$I, '''') AND (n.%1$I IS NULL) = (t.%1$I IS NULL)'
                    WHEN a.atttypid IN ('pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype,
                                        'pg_catalog.int8'::pg_catalog.regtype, 'pg_catalog.numeric'::pg_catalog.regtype)
                    THEN 'COALESCE(n.%1$I, 0) = COALESCE(t.%1$I, 0) AND (n.%1$I IS NULL) = (t.%1$I IS NULL)'
                    WHEN a.atttypid = 'pg_catalog.date'::pg_catalog.regtype
                    THEN 'COALESCE(n.%1$I, ''epoch''::pg_catalog.date) = COALESCE(t.%1$I, ''epoch''::pg_catalog.date) AND (n.%1$I IS NULL) = (t.%1$I IS NULL)'
                    ELSE 'n.%1$I = t.%1$I' END, a.attname) ORDER BY k.ord)
      INTO keys
      FROM (SELECT i.indkey
              FROM pg_catalog.pg_index i
             WHERE i.indrelid = v
               AND i.indisunique AND i.indisvalid AND i.indimmediate
               AND i.indpred IS NULL AND i.indexprs IS NULL
             ORDER BY i.indnkeyatts, i.indexrelid
             LIMIT 1) i
     CROSS JOIN LATERAL pg_catalog.unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_catalog.pg_attribute a ON a.attrelid = v AND a.attnum = k.attnum;

    -- an empty table (the first refresh after CREATE EXTENSION or an
    -- upgrade): every computed row is new, so they go straight in, without
    -- a temporary copy and a join
    EXECUTE pg_catalog.format('SELECT NOT EXISTS (SELECT FROM %s)', v) INTO empty;
    IF empty THEN
        EXECUTE pg_catalog.format('INSERT INTO %s SELECT * FROM %s', v, full_view);
        GET DIAGNOSTICS inserted = ROW_COUNT;
        deleted := 0;
        total := inserted;
        RETURN;
    END IF;
    EXECUTE pg_catalog.format('CREATE TEMPORARY TABLE jeugdnorm_refresh_rows ON COMMIT DROP AS SELECT * FROM %s',
                              full_view);
    GET DIAGNOSTICS total = ROW_COUNT;
    IF keys IS NULL THEN
        EXECUTE pg_catalog.format('DELETE FROM %s', v);
        GET DIAGNOSTICS deleted = ROW_COUNT;
        EXECUTE pg_catalog.format('INSERT INTO %s SELECT * FROM pg_temp.jeugdnorm_refresh_rows', v);
        GET DIAGNOSTICS inserted = ROW_COUNT;
    ELSE
        -- (not analysed: the planner sizes a fresh table from its pages,
        -- and a hash join on the key is its choice either way; an ANALYZE
        -- of the key columns alone cost as much as the join)
        on_keys := pg_catalog.array_to_string(keys, ' AND ');
        SELECT CASE WHEN pg_catalog.bool_and(x.cheap) THEN pg_catalog.string_agg(x.test, ' AND ' ORDER BY x.attnum)
                    ELSE 'n.* OPERATOR(pg_catalog.*=) t.*' END
          INTO same
          FROM (SELECT a.attnum,
                       a.atttypid IN ('pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype,
                                      'pg_catalog.int8'::pg_catalog.regtype, 'pg_catalog.bool'::pg_catalog.regtype,
                                      'pg_catalog.date'::pg_catalog.regtype, 'pg_catalog.numeric'::pg_catalog.regtype,
                                      'pg_catalog.daterange'::pg_catalog.regtype, 'pg_catalog.datemultirange'::pg_catalog.regtype)
                       OR (a.atttypid IN ('pg_catalog.text'::pg_catalog.regtype, 'pg_catalog.varchar'::pg_catalog.regtype)
                           AND coalesce((SELECT co.collisdeterministic FROM pg_catalog.pg_collation co
                                          WHERE co.oid = a.attcollation), false)) AS cheap,
                       CASE WHEN a.atttypid = 'pg_catalog.numeric'::pg_catalog.regtype
                            THEN pg_catalog.format('(n.%1$I IS NOT DISTINCT FROM t.%1$I AND pg_catalog.scale(n.%1$I) IS NOT DISTINCT FROM pg_catalog.scale(t.%1$I))',
                                                   a.attname)
                            ELSE pg_catalog.format('n.%1$I IS NOT DISTINCT FROM t.%1$I', a.attname) END AS test
                  FROM pg_catalog.pg_attribute a
                 WHERE a.attrelid = v AND a.attnum > 0 AND NOT a.attisdropped) x;
        -- a hash join: the planner has no statistics for the coalesce()
        -- expressions and would sort both sides for a merge join (3x the
        -- time at demo scale 2); set back right after
        PERFORM pg_catalog.set_config('enable_mergejoin', 'off', true);
        EXECUTE pg_catalog.format(
            'SELECT pg_catalog.array_agg(t.ctid) FILTER (WHERE t.ctid IS NOT NULL),'
            '       pg_catalog.array_agg(n.ctid) FILTER (WHERE n.ctid IS NOT NULL)'
            '  FROM %1$s t FULL JOIN pg_temp.jeugdnorm_refresh_rows n ON %2$s'
            ' WHERE t.ctid IS NULL OR n.ctid IS NULL OR NOT (%3$s)', v, on_keys, same)
          INTO old_rows, new_rows;
        PERFORM pg_catalog.set_config('enable_mergejoin', caller_mergejoin, true);
        deleted := 0;
        inserted := 0;
        IF old_rows IS NOT NULL THEN
            EXECUTE pg_catalog.format('DELETE FROM %s WHERE ctid = ANY ($1)', v) USING old_rows;
            GET DIAGNOSTICS deleted = ROW_COUNT;
        END IF;
        IF new_rows IS NOT NULL THEN
            EXECUTE pg_catalog.format('INSERT INTO %s SELECT * FROM pg_temp.jeugdnorm_refresh_rows WHERE ctid = ANY ($1)', v)
              USING new_rows;
            GET DIAGNOSTICS inserted = ROW_COUNT;
        END IF;
    END IF;
    DROP TABLE pg_temp.jeugdnorm_refresh_rows;
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.refresh_table_full(pg_catalog.regclass) IS
    'internal (refresh): full recompute of a per-client table from its <v>_full view, applied as a difference (unchanged rows are not written); returns the rows deleted and inserted and the rows it holds after';
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.refresh_table_full(pg_catalog.regclass) FROM PUBLIC;

CREATE OR REPLACE FUNCTION jeugdnorm.refresh(full pg_catalog.bool DEFAULT false)
RETURNS TABLE (materialized_view pg_catalog.text, concurrently pg_catalog.bool, seconds pg_catalog.numeric(18,6))
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
DECLARE
    lock_key constant pg_catalog.int8 := 7669172160390656613;
    holder   pg_catalog.text;
    v        pg_catalog.regclass;
    ordered  pg_catalog.regclass[];
    tables   pg_catalog.oid[];
    conc     pg_catalog.bool;
    is_table pg_catalog.bool;
    tuples   pg_catalog.float4;
    ins      pg_catalog.int8;
    del      pg_catalog.int8;
    stale    pg_catalog.bool;
    shared   pg_catalog.oid[];
    t0       pg_catalog.timestamptz;
    run_t0   constant pg_catalog.timestamptz := pg_catalog.clock_timestamp();
    run_id   pg_catalog.int8;
    n_steps  pg_catalog.int4;
    step_no  pg_catalog.int4 := 0;
    n_rows   pg_catalog.int8;
    all_rows pg_catalog.int8 := 0;
    settings_now pg_catalog.text;
    settings_then pg_catalog.text;
    pending_full pg_catalog.bool;
    n_clients pg_catalog.int8;
    scope    pg_catalog.text[];
    cur_scope pg_catalog.text[];
    incremental pg_catalog.bool;
    pred     pg_catalog.text;
    del_secs pg_catalog.jsonb := '{}';
    i        pg_catalog.int4;
    caller_work_mem constant pg_catalog.text := pg_catalog.current_setting('work_mem');
    caller_app_name constant pg_catalog.text := pg_catalog.current_setting('application_name');
    -- SET jeugdnorm.progress = off silences the per-step NOTICEs (scripts
    -- that compare output); application_name and refresh_log stay
    progress constant pg_catalog.bool :=
        coalesce(nullif(pg_catalog.current_setting('jeugdnorm.progress', true), ''), 'on')::pg_catalog.bool;
    scope_clients pg_catalog.int8;
    distributed pg_catalog.bool;
    dist_tables pg_catalog.text[] := '{}';
    dist_name pg_catalog.text;
BEGIN
    IF NOT pg_catalog.pg_try_advisory_xact_lock(lock_key) THEN
        SELECT pg_catalog.string_agg(l.pid::text, ', ' ORDER BY l.pid)
          INTO holder
          FROM pg_catalog.pg_locks l
         WHERE l.locktype = 'advisory'
           AND l.granted
           AND l.classid = (lock_key >> 32)::oid
           AND l.objid = (lock_key & 4294967295)::oid
           AND l.objsubid = 1;
        RAISE EXCEPTION 'jeugdnorm.refresh() is already running in another session'
            USING ERRCODE = 'lock_not_available',
                  DETAIL = pg_catalog.format('Advisory lock %s is held by backend pid %s.',
                                  lock_key, coalesce(holder, 'unknown')),
                  HINT = 'Wait for the running refresh to finish; it refreshes every materialised view.';
    END IF;

    -- distributed on Citus (90_distribute.sql, 91_distributed_tables.sql,
    -- doc/citus.md): the per-client path tables are Citus tables that are
    -- filled in the shards (below), not by the loop over the steps
    distributed := jeugdnorm_internal.is_distributed();
    IF distributed THEN
        SELECT pg_catalog.array_agg(d.name ORDER BY d.pos)
          INTO dist_tables
          FROM jeugdnorm_internal.distributed_path_tables() d
         WHERE pg_catalog.to_regclass(pg_catalog.format('jeugdnorm_internal.%I', d.name || '_snapshot')) IS NOT NULL;
        dist_tables := coalesce(dist_tables, '{}');
    END IF;

    -- the per-client tables (97_incremental.sql): registered, a table, with
    -- their computing views
    SELECT pg_catalog.array_agg(c.oid)
      INTO tables
      FROM jeugdnorm_internal.refresh_registry g
      JOIN pg_catalog.pg_class c
        ON c.relname = g.materialized_view
       AND c.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace
       AND c.relkind = 'r'
     WHERE g.strategy = 'per_client'
       AND c.relname::pg_catalog.text <> ALL (dist_tables)
       AND pg_catalog.to_regclass(pg_catalog.format('jeugdnorm_internal.%I', c.relname || '_full')) IS NOT NULL
       AND pg_catalog.to_regclass(pg_catalog.format('jeugdnorm_internal.%I', c.relname || '_delta')) IS NOT NULL;
    tables := coalesce(tables, '{}');

    WITH RECURSIVE
    -- the steps: every materialised view of jeugdnorm_internal and every
    -- per-client table; comp = the relation whose query computes it
    mvs AS (
        SELECT c.oid, c.oid AS comp
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'm'
           AND n.nspname = 'jeugdnorm_internal'
        UNION ALL
        SELECT t.oid, pg_catalog.to_regclass(pg_catalog.format('jeugdnorm_internal.%I', c.relname || '_full'))::pg_catalog.oid
          FROM pg_catalog.unnest(tables) t(oid)
          JOIN pg_catalog.pg_class c ON c.oid = t.oid
    ),
    -- relation r reads relation d (through its rewrite rule)
    edges AS (
        SELECT DISTINCT rw.ev_class AS r, dep.refobjid AS d
          FROM pg_catalog.pg_rewrite rw
          JOIN pg_catalog.pg_depend dep
            ON dep.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
           AND dep.objid = rw.oid
           AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND dep.refobjid <> rw.ev_class
    ),
    -- relations a step's query reads, walking through plain views only
    reach AS (
        SELECT m.oid AS mv, e.d AS rel
          FROM mvs m
          JOIN edges e ON e.r = m.comp
        UNION
        SELECT rc.mv, e.d
          FROM reach rc
          JOIN pg_catalog.pg_class c ON c.oid = rc.rel AND c.relkind = 'v'
          JOIN edges e ON e.r = rc.rel
    ),
    deps AS (
        SELECT DISTINCT rc.mv, rc.rel AS dep
          FROM reach rc
         WHERE rc.rel IN (SELECT oid FROM mvs)
           AND rc.rel <> rc.mv
    ),
    -- level = longest chain of steps below; bounded by the number of
    -- steps, so even a (impossible) cycle ends
    lvl AS (
        SELECT m.oid, 0 AS level
          FROM mvs m
        UNION ALL
        SELECT dp.mv, l.level + 1
          FROM lvl l
          JOIN deps dp ON dp.dep = l.oid
         WHERE l.level < (SELECT pg_catalog.count(*) FROM mvs)
    )
    SELECT pg_catalog.array_agg(x.oid::pg_catalog.regclass ORDER BY x.level, x.oid::pg_catalog.regclass::pg_catalog.text)
      INTO ordered
      FROM (SELECT l.oid, pg_catalog.max(l.level) AS level FROM lvl l GROUP BY l.oid) x;

    -- distributed on Citus (90_distribute.sql, doc/citus.md): the
    -- coordinator snapshots of the Citus tables, which every view reads,
    -- are refilled first; there is no change capture, every run is full
    IF distributed THEN
        IF progress THEN
            RAISE NOTICE 'refresh: copying the Citus tables into their coordinator snapshots';
        END IF;
        PERFORM jeugdnorm_internal.distributed_snapshot();
        -- the workers' copy of jeugdnorm.access (row-level security of the
        -- distributed path tables; 91_distributed_tables.sql)
        IF pg_catalog.cardinality(dist_tables) > 0 THEN
            PERFORM jeugdnorm_internal.distributed_sync_access();
        END IF;
    END IF;

    -- full or incremental: consume the pending changes (a failed refresh
    -- rolls the DELETE back: they stay pending)
    SELECT s::pg_catalog.text INTO settings_now FROM jeugdnorm_internal.settings s;
    SELECT st.settings INTO settings_then FROM jeugdnorm_internal.refresh_state st;
    DELETE FROM jeugdnorm_internal.refresh_clients;
    DELETE FROM jeugdnorm_internal.refresh_changes;
    -- (a change of allocations without client_id counts as full: the
    -- NULL "client" is left out of the per-client predicates, see
    -- 97_incremental.sql)
    -- (claim lines are noted by their allocation key: its client is looked
    -- up here; a key without allocation changes no per-client view)
    -- (one pending row per statement, its keys as parallel arrays: d has
    -- one row per key, and one per full_recompute row)
    IF distributed THEN
        DELETE FROM jeugdnorm_internal.refresh_pending;
        pending_full := true;
        n_clients := 0;
    ELSE
        WITH p AS (
            DELETE FROM jeugdnorm_internal.refresh_pending
            RETURNING source, full_recompute, client_id, gemeente, toewijzingnummer
        ),
        d AS (
            SELECT NULL::pg_catalog.text AS client_id, true AS full_recompute, p.source,
                   NULL::pg_catalog.text AS gemeente, NULL::pg_catalog.text AS toewijzingnummer
              FROM p
             WHERE p.full_recompute
            UNION ALL
            SELECT k.client_id, false, p.source, k.gemeente, k.toewijzingnummer
              FROM p
             CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(p.client_id), pg_catalog.unnest(p.gemeente),
                                           pg_catalog.unnest(p.toewijzingnummer))
                        AS k(client_id, gemeente, toewijzingnummer)
             WHERE NOT p.full_recompute
        ),
        r AS (
            SELECT d.full_recompute, d.source,
                   CASE WHEN d.gemeente IS NULL THEN d.client_id ELSE t.client_id END AS client_id,
                   d.gemeente IS NOT NULL AND t.gemeente IS NULL AS orphan
              FROM d
              LEFT JOIN jeugdnorm.toewijzing t
                ON d.gemeente IS NOT NULL
               AND t.gemeente = d.gemeente
               AND t.toewijzingnummer = d.toewijzingnummer
        ),
        c AS (
            INSERT INTO jeugdnorm_internal.refresh_changes (client_id, sources)
            SELECT r.client_id, pg_catalog.array_agg(DISTINCT r.source ORDER BY r.source)
              FROM r
             WHERE NOT r.full_recompute AND NOT r.orphan AND r.client_id IS NOT NULL
             GROUP BY r.client_id
            RETURNING 1
        )
        SELECT coalesce(pg_catalog.bool_or(r.full_recompute OR (r.client_id IS NULL AND NOT r.orphan)), false),
               (SELECT pg_catalog.count(*) FROM c)
          INTO pending_full, n_clients
          FROM r;
    END IF;
    incremental := NOT coalesce(refresh.full, false)
                   AND NOT pending_full
                   AND settings_then IS NOT DISTINCT FROM settings_now
                   AND settings_then IS NOT NULL;
    IF NOT incremental THEN
        n_clients := NULL;
    END IF;

    -- the run's log row (step 0); closed at the end
    n_steps := coalesce(pg_catalog.array_length(ordered, 1), 0) + pg_catalog.cardinality(dist_tables);
    run_id := pg_catalog.nextval('jeugdnorm.refresh_log_refresh_id_seq');
    INSERT INTO jeugdnorm.refresh_log (refresh_id, step, steps, started, status, peildatum, window_start, mode, clients)
    SELECT run_id, 0, n_steps, run_t0, 'running', s.peildatum, s.window_start,
           CASE WHEN incremental THEN 'incremental' ELSE 'full' END, n_clients
      FROM jeugdnorm_internal.settings s;

    IF ordered IS NULL THEN
        UPDATE jeugdnorm.refresh_log
           SET status = 'ok', rows = 0,
               seconds = extract(epoch FROM pg_catalog.clock_timestamp() - run_t0)::pg_catalog.numeric(18,6)
         WHERE refresh_id = run_id AND step = 0;
        DELETE FROM jeugdnorm_internal.refresh_clients;
        DELETE FROM jeugdnorm_internal.refresh_changes;
        RETURN;
    END IF;

    -- The views something besides refresh() reads (see above): walk from
    -- each view up the rewrite rules that read it, through the plain views
    -- of jeugdnorm_internal (the internal layers); a view reached elsewhere
    -- (a contract view of schema jeugdnorm, any other schema, a materialised
    -- view not refreshed here), or a function body or policy depending on
    -- the view or on an internal plain view on the way, makes it shared.
    WITH RECURSIVE
    rd(mv, rel) AS (
        SELECT m.oid, rw.ev_class
          FROM pg_catalog.unnest(ordered::pg_catalog.oid[]) AS m(oid)
          JOIN pg_catalog.pg_depend d
            ON d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND d.refobjid = m.oid
           AND d.deptype = 'n'
           AND d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
          JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid AND rw.ev_class <> m.oid
        UNION
        SELECT rd.mv, rw.ev_class
          FROM rd
          JOIN pg_catalog.pg_class c
            ON c.oid = rd.rel
           AND c.relkind = 'v'
           AND c.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace
          JOIN pg_catalog.pg_depend d
            ON d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND d.refobjid = rd.rel
           AND d.deptype = 'n'
           AND d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
          JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid AND rw.ev_class <> rd.rel
    ),
    internal_path(mv, rel) AS (
        SELECT m.oid, m.oid FROM pg_catalog.unnest(ordered::pg_catalog.oid[]) AS m(oid)
        UNION
        SELECT rd.mv, rd.rel
          FROM rd
          JOIN pg_catalog.pg_class c
            ON c.oid = rd.rel
           AND c.relkind = 'v'
           AND c.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace
    )
    SELECT pg_catalog.array_agg(DISTINCT x.mv)
      INTO shared
      FROM (SELECT rd.mv
              FROM rd
              JOIN pg_catalog.pg_class c ON c.oid = rd.rel
             WHERE c.oid <> ALL (ordered::pg_catalog.oid[])
               AND NOT (c.relkind = 'v'
                        AND c.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace)
            UNION ALL
            SELECT ip.mv
              FROM internal_path ip
              JOIN pg_catalog.pg_depend d
                ON d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
               AND d.refobjid = ip.rel
               AND d.deptype = 'n'
               AND d.classid <> 'pg_catalog.pg_rewrite'::pg_catalog.regclass) x;
    shared := coalesce(shared, '{}');

    -- sorts and hashes get maintenance_work_mem (see above); set back below
    IF pg_catalog.pg_size_bytes(pg_catalog.current_setting('maintenance_work_mem'))
         > pg_catalog.pg_size_bytes(caller_work_mem) THEN
        PERFORM pg_catalog.set_config('work_mem', pg_catalog.current_setting('maintenance_work_mem'), true);
    END IF;

    -- incremental, first pass: the changed clients' rows leave every
    -- per-client table, downstream first (a table without client_id finds
    -- its rows through the old rows of the tables it reads); with no
    -- changed client (nothing pending, or no change a table reads) a table
    -- is not touched at all
    IF incremental AND n_clients > 0 THEN
        FOR i IN REVERSE pg_catalog.array_length(ordered, 1) .. 1 LOOP
            v := ordered[i];
            CONTINUE WHEN v::pg_catalog.oid <> ALL (tables);
            t0 := pg_catalog.clock_timestamp();
            SELECT x.pred, x.scope, x.clients INTO pred, scope, scope_clients
              FROM jeugdnorm_internal.refresh_scope(v, cur_scope) x;
            cur_scope := scope;
            IF scope_clients > 0 THEN
                EXECUTE pg_catalog.format('DELETE FROM %s WHERE %s', v, pred);
            END IF;
            del_secs := del_secs || pg_catalog.jsonb_build_object(v::pg_catalog.text,
                            extract(epoch FROM pg_catalog.clock_timestamp() - t0));
        END LOOP;
    END IF;

    -- distributed: the path tables first, each filled in the shards by a
    -- co-located INSERT ... SELECT and copied into its coordinator
    -- snapshot, which the steps below read (91_distributed_tables.sql);
    -- readers are never blocked (DELETE + INSERT in this transaction)
    FOREACH dist_name IN ARRAY dist_tables LOOP
        step_no := step_no + 1;
        v := pg_catalog.format('jeugdnorm_internal.%I', dist_name)::pg_catalog.regclass;
        IF progress THEN
            RAISE NOTICE 'refresh step %/%: % (in the shards)', step_no, n_steps, v;
        END IF;
        PERFORM pg_catalog.set_config('application_name',
                    pg_catalog.left(pg_catalog.format('jeugdnorm refresh %s/%s %s', step_no, n_steps, v), 63), true);
        t0 := pg_catalog.clock_timestamp();
        n_rows := jeugdnorm_internal.distributed_refresh_table(dist_name);
        all_rows := all_rows + n_rows;
        materialized_view := v::pg_catalog.text;
        "concurrently" := true;
        seconds := extract(epoch FROM pg_catalog.clock_timestamp() - t0)::pg_catalog.numeric(18,6);
        INSERT INTO jeugdnorm.refresh_log (refresh_id, step, steps, materialized_view, started, seconds,
                                           rows, "concurrently", status, mode)
        VALUES (run_id, step_no, n_steps, v::pg_catalog.text, t0, seconds, n_rows, true, 'ok', 'full');
        RETURN NEXT;
    END LOOP;

    FOREACH v IN ARRAY ordered LOOP
        is_table := v::pg_catalog.oid = ANY (tables);
        -- read per view, after the refreshes before it
        SELECT CASE WHEN is_table THEN true
                    ELSE c.relispopulated
                         AND EXISTS (SELECT 1
                                       FROM pg_catalog.pg_index i
                                      WHERE i.indrelid = c.oid
                                        AND i.indisunique
                                        AND i.indisvalid
                                        AND i.indimmediate
                                        AND i.indpred IS NULL
                                        AND i.indexprs IS NULL)
                         AND c.oid = ANY (shared) END,
               c.reltuples
          INTO conc, tuples
          FROM pg_catalog.pg_class c
         WHERE c.oid = v;

        -- progress: a NOTICE, and application_name for pg_stat_activity
        step_no := step_no + 1;
        IF progress THEN
            RAISE NOTICE 'refresh step %/%: %', step_no, n_steps, v;
        END IF;
        PERFORM pg_catalog.set_config('application_name',
                    pg_catalog.left(pg_catalog.format('jeugdnorm refresh %s/%s %s', step_no, n_steps, v), 63), true);

        t0 := pg_catalog.clock_timestamp();
        ins := pg_catalog.pg_stat_get_xact_tuples_inserted(v);
        del := pg_catalog.pg_stat_get_xact_tuples_deleted(v);
        IF is_table AND incremental THEN
            IF n_clients > 0 THEN
                SELECT x.pred, x.scope, x.clients INTO pred, scope, scope_clients
                  FROM jeugdnorm_internal.refresh_scope(v, cur_scope) x;
                cur_scope := scope;
                IF scope_clients > 0 THEN
                    EXECUTE pg_catalog.format('INSERT INTO %1$s SELECT * FROM (SELECT * FROM %2$s) AS %3$I WHERE %4$s',
                                              v, pg_catalog.to_regclass(v::pg_catalog.text || '_delta'),
                                              (SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = v), pred);
                END IF;
            END IF;
        ELSIF is_table THEN
            SELECT x.total INTO n_rows FROM jeugdnorm_internal.refresh_table_full(v) x;
        ELSIF conc THEN
            EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW CONCURRENTLY %s', v);
        ELSE
            EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW %s', v);
        END IF;
        -- statistics for the views refreshed after this one (see above):
        -- autovacuum's analyze rule on the rows the step changed
        IF conc THEN
            stale := tuples < 0
                     OR pg_catalog.pg_stat_get_xact_tuples_inserted(v) - ins
                        + pg_catalog.pg_stat_get_xact_tuples_deleted(v) - del
                        > pg_catalog.current_setting('autovacuum_analyze_threshold')::pg_catalog.float8
                          + pg_catalog.current_setting('autovacuum_analyze_scale_factor')::pg_catalog.float8 * tuples;
        ELSE
            stale := true;
        END IF;
        IF stale THEN
            EXECUTE pg_catalog.format('ANALYZE %s', v);
        END IF;

        materialized_view := v::pg_catalog.text;
        "concurrently" := conc;
        seconds := (extract(epoch FROM pg_catalog.clock_timestamp() - t0)
                    + coalesce((del_secs ->> v::pg_catalog.text)::pg_catalog.numeric, 0))::pg_catalog.numeric(18,6);
        -- (a full step of a per-client table knows its rows: n_rows)
        IF NOT is_table OR incremental THEN
            EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %s', v) INTO n_rows;
        END IF;
        all_rows := all_rows + n_rows;
        INSERT INTO jeugdnorm.refresh_log (refresh_id, step, steps, materialized_view, started, seconds,
                                           rows, "concurrently", status, mode)
        VALUES (run_id, step_no, n_steps, v::pg_catalog.text, t0, seconds, n_rows, conc, 'ok',
                CASE WHEN incremental AND is_table THEN 'incremental' ELSE 'full' END);
        RETURN NEXT;
    END LOOP;

    -- done: the changed clients are consumed, the settings recorded
    DELETE FROM jeugdnorm_internal.refresh_clients;
    DELETE FROM jeugdnorm_internal.refresh_changes;
    INSERT INTO jeugdnorm_internal.refresh_state AS st (id, settings, refreshed)
    VALUES (true, settings_now, run_t0)
    ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, refreshed = excluded.refreshed;

    UPDATE jeugdnorm.refresh_log
       SET status = 'ok', rows = all_rows,
           seconds = extract(epoch FROM pg_catalog.clock_timestamp() - run_t0)::pg_catalog.numeric(18,6)
     WHERE refresh_id = run_id AND step = 0;
    PERFORM pg_catalog.set_config('application_name', caller_app_name, true);
    PERFORM pg_catalog.set_config('work_mem', caller_work_mem, true);
END;
$$;

COMMENT ON FUNCTION jeugdnorm.refresh(pg_catalog.bool) IS
'Brings every materialised view of schema jeugdnorm_internal (the work behind care_paths, allocation_follow_up and the other heavy views) up to date, in dependency order read from the catalogue. Incremental by default: the per-client views (tables, see jeugdnorm_internal.refresh_registry) recompute only the clients whose allocations, claim lines or requests changed since the last refresh (change capture by triggers); a change of a catalogue or settings table, a TRUNCATE, a new effective peildatum (settings.peildatum NULL and a new day) or refresh(full => true) recomputes everything. The other materialised views are refreshed fully each time, CONCURRENTLY where populated, with a unique index and read by a view or function. Readers are not blocked and see the old or the new state; a failed or cancelled refresh leaves the views and the pending changes as they were. Its queries run with work_mem raised to maintenance_work_mem and JIT compilation off; a view is analysed after its step unless it changed too few rows to matter (autovacuum''s rule). Returns one row per view: materialized_view, concurrently, seconds. Reports progress (a NOTICE per step; application_name ''jeugdnorm refresh i/n view'' in pg_stat_activity) and logs the run (mode full or incremental, clients recomputed) and each step in jeugdnorm.refresh_log; for scheduled runs use CALL jeugdnorm.refresh_job(), which also logs a failed run. Settings changes take effect at the next refresh. Only one refresh runs at a time: a second concurrent call fails at once with SQLSTATE 55P03 (advisory lock 7669172160390656613). Schedule it, e.g. with pg_cron: SELECT cron.schedule(''jeugdnorm-refresh'', ''0 2 * * *'', ''CALL jeugdnorm.refresh_job()'') (pg_cron 1.4 schedules in UTC).';

REVOKE EXECUTE ON FUNCTION jeugdnorm.refresh(pg_catalog.bool) FROM PUBLIC;
