-- ---------------------------------------------------------------------------
-- 97_incremental.sql -- incremental refresh (issue 16, part 1): the
-- per-client materialised views become tables that jeugdnorm.refresh()
-- maintains for the changed clients only; change capture on the inputs.
-- doc/incremental-refresh.md explains it for users.
--
-- Why a late file: the views themselves are defined where they belong
-- (40_paths.sql, 56_steering_paths.sql, ...) as materialised views.  This
-- file runs after all of them (and before 99_*, which sets reloptions on
-- the contract views) and converts, from the catalogue, every materialised
-- view that the registry below calls 'per_client':
--
--   jeugdnorm_internal.<v>          a TABLE with the view's name, columns,
--                                   rows (kept: an upgrade keeps the data),
--                                   indexes, comments and grants;
--   jeugdnorm_internal.<v>_full     the view's query (a plain view): every row;
--   jeugdnorm_internal.<v>_changed  the stored rows of the changed clients
--                                   (the registry's changed_rows predicate);
--   jeugdnorm_internal.<v>_delta    the view's query over the changed clients
--                                   only: the same query text with its
--                                   client inputs replaced by their
--                                   restricted forms (below), so the
--                                   restriction sits at the base tables and
--                                   every window, sort and aggregate runs
--                                   over the changed clients' rows only.
--
-- The plain views that read a converted view are re-pointed with CREATE OR
-- REPLACE VIEW (same text, same columns, their reloptions kept), so their
-- OIDs, comments and grants stay.  A materialised view that is not
-- per-client but reads a converted one directly (the money rollups) is
-- re-created with its own query, indexes, comments and grants.
--
-- Restricted inputs (the changed clients are the rows of
-- jeugdnorm_internal.refresh_clients, which refresh() fills per view from
-- the pending changes: the clients for whom a fact table that the view
-- reads changed, refresh_registry.reads):
--   toewijzing_changed   jeugdnorm.toewijzing of the changed clients
--   allocations_changed  jeugdnorm_internal.allocations with its FROM
--                        jeugdnorm.toewijzing replaced by toewijzing_changed
--                        (its contract_order numbers those rows after the
--                        largest number stored in mv_path_allocations; see
--                        below)
--   claim_lines_changed  claim_lines of those clients' allocation keys
--                        (claim_lines' query over declaratie_changed, its
--                        net-zero groups included: credit_groups_changed,
--                        net_zero_groups_changed)
--   <v>_changed          for every converted view <v>
-- Every per-client view's <v>_delta is checked at install: walking its
-- dependencies through plain views must not reach a client input
-- (toewijzing, declaratie, verzoek, allocations, claim_lines, claims, a
-- converted table) other than through a restricted form.
--
-- contract_order, care_path_id, group_path_id (internal columns, in no
-- contract view): a full refresh numbers every kept allocation 1..n; an
-- incremental one numbers the changed clients' allocations after the
-- largest number left in mv_path_allocations.  The numbers keep the
-- contract order within every client and stay unique over the whole
-- table, so a view grouping or partitioning by them across clients
-- (mv_care_paths, mv_care_path_endings) is right whichever run computed
-- each row -- also when, for a client whose claim lines alone changed,
-- mv_care_paths is recomputed but mv_path_allocations is not.
--
-- Upgrade: from 0.2.0 (and 0.1.0 through it) this file runs last in the
-- upgrade step, converts the existing materialised views the same way and
-- keeps their rows; the first refresh() after the upgrade is full (no
-- recorded state).  New in 0.3.0.
-- ---------------------------------------------------------------------------

-- ---- the registry ------------------------------------------------------------

CREATE TABLE jeugdnorm_internal.refresh_registry (
    materialized_view text NOT NULL
        CONSTRAINT refresh_registry_pkey PRIMARY KEY,
    strategy          text NOT NULL
        CONSTRAINT refresh_registry_strategy_known CHECK (strategy IN ('per_client', 'full')),
    changed_rows      text,
    why               text NOT NULL,
    reads             text[],
    CONSTRAINT refresh_registry_per_client_has_predicate
        CHECK ((strategy = 'per_client') = (changed_rows IS NOT NULL))
);

COMMENT ON TABLE jeugdnorm_internal.refresh_registry IS
    'how jeugdnorm.refresh() keeps each materialised view of jeugdnorm_internal: per_client (a table; after a change only the changed clients'' rows are deleted and recomputed) or full (recomputed every refresh); a materialised view not listed is full';
COMMENT ON COLUMN jeugdnorm_internal.refresh_registry.materialized_view IS 'name of the view in schema jeugdnorm_internal';
COMMENT ON COLUMN jeugdnorm_internal.refresh_registry.strategy IS '''per_client'' or ''full''';
COMMENT ON COLUMN jeugdnorm_internal.refresh_registry.changed_rows IS 'per_client: SQL predicate over the view''s columns selecting the rows of the changed clients; %client%(expr) stands for the test "expr is a changed client_id" and is expanded by jeugdnorm_internal.refresh_client_test()';
COMMENT ON COLUMN jeugdnorm_internal.refresh_registry.why IS 'why the view has this strategy';
COMMENT ON COLUMN jeugdnorm_internal.refresh_registry.reads IS 'per_client: the fact tables (toewijzing, declaratie, verzoek) its query reads, through views, functions and other per-client tables; filled at install from the catalogue; a client is recomputed for this view only when one of these changed for it';

-- %client%(expr): expr is a changed client.  A plain IN (subquery): the
-- planner makes it a semi-join with refresh_clients (analysed by refresh()
-- after filling it, so the estimates are right) and can use an index on
-- client_id (toewijzing_client_aanbieder_product_idx, <v>_client_id_idx).
-- A NULL client_id never matches: a change touching allocations without
-- client_id makes the refresh full (refresh(), 80_refresh.sql), so the
-- NULL client needs no test here.  (An OR for it cost the estimates: with
-- = ANY (ARRAY(...)) OR ... IS NULL the planner guessed a few rows for
-- thousands of changed clients and re-ran mv_care_paths' claim aggregate
-- in a nested loop, minutes at demo scale 1.)
CREATE FUNCTION jeugdnorm_internal.refresh_client_test(expr text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.format(
    '%1$s IN (SELECT rc.client_id FROM jeugdnorm_internal.refresh_clients rc)', expr);

COMMENT ON FUNCTION jeugdnorm_internal.refresh_client_test(text) IS
    'SQL text testing that the expression (a client_id) is one of the changed clients of the running refresh (jeugdnorm_internal.refresh_clients); NULL never is (a change of allocations without client_id makes the refresh full)';

-- Expands %client%(col) in a registry predicate.
CREATE FUNCTION jeugdnorm_internal.refresh_expand(predicate text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m text[];
BEGIN
    LOOP
        m := pg_catalog.regexp_match(predicate, '%client%\(([^()]*)\)');
        EXIT WHEN m IS NULL;
        predicate := pg_catalog.replace(predicate, '%client%(' || m[1] || ')',
                                        jeugdnorm_internal.refresh_client_test(m[1]));
    END LOOP;
    RETURN predicate;
END;
$$;

COMMENT ON FUNCTION jeugdnorm_internal.refresh_expand(text) IS
    'a refresh_registry.changed_rows predicate with every %client%(expr) expanded to jeugdnorm_internal.refresh_client_test(expr)';

INSERT INTO jeugdnorm_internal.refresh_registry (materialized_view, strategy, changed_rows, why) VALUES
('mv_path_allocations', 'per_client', '%client%(client_id)',
 'rows per kept allocation; paths and group paths are windows partitioned by client_id'),
('mv_care_paths', 'per_client', '%client%(client_id)',
 'rows per care path of (client_id, aanbieder, product); claims joined through the client''s allocations; norm by catalogue (a norm change forces a full refresh)'),
('mv_group_paths', 'per_client', '%client%(client_id)',
 'rows per path of (client_id, productgroep)'),
('mv_allocation_follow_up', 'per_client', '%client%(client_id)',
 'rows per kept allocation; follow-up is a window over (client_id, product)'),
('mv_kader_paths', 'per_client', '%client%(client_id)',
 'rows per path of (client_id, kader, verblijf)'),
('mv_care_path_endings', 'per_client',
 '(gemeente, first_toewijzingnummer) IN (SELECT pa.gemeente, pa.toewijzingnummer FROM jeugdnorm_internal.mv_path_allocations pa WHERE %client%(pa.client_id))',
 'rows per care path, keyed by its first allocation, which belongs to one client (no client_id column: the client is found through mv_path_allocations, deleted before and inserted after it)'),
('mv_group_path_starts', 'per_client',
 '(gemeente, first_toewijzingnummer) IN (SELECT pa.gemeente, pa.toewijzingnummer FROM jeugdnorm_internal.mv_path_allocations pa WHERE %client%(pa.client_id))',
 'rows per group path, keyed by its first allocation (as mv_care_path_endings)'),
-- mv_data_quality_rows: per client by construction (every signal of a row
-- reads that client's allocations and their lines only).  It was 'full' for a
-- while in 0.3.0: after a month's load at demo scale 20 (100,781 changed
-- clients) its <v>_delta ran for more than 20 minutes, because the planner
-- joined the settings row with the unique changed clients first (estimated
-- at 1 row) and probed that in a nested loop for every allocation; its
-- line pass reads the settings through initplans since (68_data_quality.sql),
-- and the delta is hash joins over the changed clients' allocations.
('mv_data_quality_rows', 'per_client', '%client%(client_id)',
 'rows per allocation (with its claim lines, whatever their own client_id) or request, client_id the allocation''s or the request''s; every signal reads that client''s allocations and their lines only (duplicates within one allocation key, overlaps per client_id)'),
('mv_data_quality_orphans', 'full', NULL,
 'rows per claim line whose allocation key is in no toewijzing row: no client the capture knows (an allocation of any client with that key changes them); recomputed every refresh (one anti-join of the claim lines with toewijzing)');

-- the money views (62_money_capacity.sql): what is computed from the claim
-- lines and allocations is kept per client; the region's rollups are
-- recomputed from those partial sums every refresh
INSERT INTO jeugdnorm_internal.refresh_registry (materialized_view, strategy, changed_rows, why) VALUES
('mv_money_claim_sums', 'per_client', '%client%(client_id)',
 'the kept claim lines summed per (allocation, own product codes, NGA, year window), with the allocation''s client_id; NGA by catalogue (a contract change forces a full refresh)'),
('mv_money_alloc_years', 'per_client', '%client%(client_id)',
 'allocations per (gemeente, year window, client_id, aanbieder)'),
('mv_money_provider_clients', 'per_client', '%client%(client_id)',
 'the days claimed per (client_id, gemeente, aanbieder, NGA) as a multirange'),
('mv_money_plek_clients', 'per_client', '%client%(client_id)',
 'plek allocations per (client_id, gemeente, aanbieder, product, month); plek by catalogue (a product change forces a full refresh)'),
('mv_money_forecast_clients', 'per_client', '%client%(client_id)',
 'allocated and claimed amounts per (client_id, gemeente, product, segment); segment by catalogue'),
('mv_money_traject', 'per_client', '%client%(client_id)',
 'rows per completed traject allocation'),
('mv_money_provider_months', 'full', NULL,
 'the region''s providers per (gemeente, aanbieder, month, NGA): distinct over clients, recomputed every refresh from mv_money_provider_clients'),
('mv_money_plek_months', 'full', NULL,
 'distinct clients per plek group and month with the zero months and year sums: recomputed every refresh from mv_money_plek_clients'),
('mv_money_forecast', 'full', NULL,
 'sums per (gemeente, product, segment): recomputed every refresh from mv_money_forecast_clients'),
('mv_money_gemeenten', 'full', NULL,
 'the gemeenten of kept allocations and claim lines: recomputed every refresh from mv_money_alloc_years and mv_money_claim_sums');

-- ---- state of the running refresh and the pending changes ---------------------------

-- The changed clients of the running refresh: filled and emptied by
-- refresh() inside its transaction, so other sessions always see it empty.
CREATE TABLE jeugdnorm_internal.refresh_clients (
    client_id text
);
CREATE INDEX refresh_clients_client_id_idx ON jeugdnorm_internal.refresh_clients (client_id);
COMMENT ON TABLE jeugdnorm_internal.refresh_clients IS
    'the clients the running jeugdnorm.refresh() recomputes (one row each, never NULL); empty outside a refresh';
COMMENT ON COLUMN jeugdnorm_internal.refresh_clients.client_id IS 'client_id of a changed client';

-- The changed clients of the running refresh with the fact tables that
-- changed for each (from refresh_pending.source); refresh_clients is
-- filled from it per view (the clients whose changed tables the view reads).
CREATE TABLE jeugdnorm_internal.refresh_changes (
    client_id text NOT NULL,
    sources   text[] NOT NULL
);
COMMENT ON TABLE jeugdnorm_internal.refresh_changes IS
    'the changed clients of the running jeugdnorm.refresh() with the input tables that changed for each; empty outside a refresh';
COMMENT ON COLUMN jeugdnorm_internal.refresh_changes.client_id IS 'client_id of a changed client';
COMMENT ON COLUMN jeugdnorm_internal.refresh_changes.sources IS 'the fact tables that changed for it (toewijzing, declaratie, verzoek)';

-- Changes since the last refresh: the change-capture triggers append one
-- row per statement, and refresh() consumes them (DELETE ... RETURNING) in
-- its transaction: a failed or cancelled refresh leaves them pending, a
-- rolled-back statement never wrote its row.  A logged table: a crash
-- loses nothing that was committed.  The keys of a statement are arrays
-- (one row per statement, not per key: see "change capture" below).
CREATE TABLE jeugdnorm_internal.refresh_pending (
    source           text NOT NULL,
    full_recompute   boolean NOT NULL DEFAULT false,
    client_id        text[],
    gemeente         text[],
    toewijzingnummer text[],
    CONSTRAINT refresh_pending_keys_parallel CHECK (
        full_recompute
        OR (client_id IS NOT NULL AND gemeente IS NULL AND toewijzingnummer IS NULL)
        OR (gemeente IS NOT NULL AND pg_catalog.cardinality(gemeente) = pg_catalog.cardinality(toewijzingnummer)
            AND (client_id IS NULL OR pg_catalog.cardinality(client_id) = pg_catalog.cardinality(gemeente))))
);
COMMENT ON TABLE jeugdnorm_internal.refresh_pending IS
    'changes not yet refreshed, one row per statement: the distinct keys it touched (client_id, or a claim line''s allocation key gemeente + toewijzingnummer, as parallel arrays), or full_recompute when a change touches every client (a catalogue or settings row, a TRUNCATE, a statement touching a large part of a fact table); consumed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.refresh_pending.source IS 'the input table that changed';
COMMENT ON COLUMN jeugdnorm_internal.refresh_pending.full_recompute IS 'true: the next refresh recomputes every view fully';
COMMENT ON COLUMN jeugdnorm_internal.refresh_pending.client_id IS 'allocations and requests: the distinct client_ids of the old and new rows (a NULL element: rows without client_id, which make the refresh full)';
COMMENT ON COLUMN jeugdnorm_internal.refresh_pending.gemeente IS 'claim lines: gemeente of each distinct allocation claimed against (refresh() finds its client then); parallel to toewijzingnummer';
COMMENT ON COLUMN jeugdnorm_internal.refresh_pending.toewijzingnummer IS 'claim lines: toewijzingnummer of each distinct allocation claimed against; parallel to gemeente';

-- What the last successful refresh computed with: the effective settings
-- (peildatum NULL read as the day of the refresh).  Different now -> full.
CREATE TABLE jeugdnorm_internal.refresh_state (
    id        boolean NOT NULL DEFAULT true
        CONSTRAINT refresh_state_pkey PRIMARY KEY
        CONSTRAINT refresh_state_one_row CHECK (id),
    settings  text NOT NULL,
    refreshed timestamptz NOT NULL
);
COMMENT ON TABLE jeugdnorm_internal.refresh_state IS
    'the effective settings (jeugdnorm_internal.settings as text) of the last successful jeugdnorm.refresh(); when they differ at the next refresh (a settings change, or peildatum NULL and a new day) the refresh is full; no row (fresh install, upgrade, restore) = full';
COMMENT ON COLUMN jeugdnorm_internal.refresh_state.id IS 'always true: one row';
COMMENT ON COLUMN jeugdnorm_internal.refresh_state.settings IS 'jeugdnorm_internal.settings row of the last refresh, as text';
COMMENT ON COLUMN jeugdnorm_internal.refresh_state.refreshed IS 'when the last successful refresh ran';

ALTER TABLE jeugdnorm.refresh_log ADD COLUMN IF NOT EXISTS clients bigint;
COMMENT ON COLUMN jeugdnorm.refresh_log.clients IS
    'incremental runs: the number of clients recomputed (step 0); NULL for full runs and for the steps';

-- ---- restricted inputs -------------------------------------------------------------

-- pg_get_viewdef() qualifies a name only when the search_path does not
-- find it: the blocks below deparse with search_path = pg_catalog (every
-- name of the extension qualified) and set the caller's back at the end.
DO $restricted$
DECLARE
    def text;
    cols text;
    caller_path constant text := pg_catalog.current_setting('search_path');
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true);
    EXECUTE pg_catalog.format(
        'CREATE VIEW jeugdnorm_internal.toewijzing_changed AS SELECT t.* FROM jeugdnorm.toewijzing t WHERE %s',
        jeugdnorm_internal.refresh_client_test('t.client_id'));

    def := pg_catalog.pg_get_viewdef('jeugdnorm_internal.allocations'::pg_catalog.regclass);
    IF def !~ '\mjeugdnorm\.toewijzing\M' THEN
        RAISE EXCEPTION 'incremental refresh: jeugdnorm_internal.allocations does not read jeugdnorm.toewijzing by name'
            USING ERRCODE = 'object_not_in_prerequisite_state', DETAIL = def;
    END IF;
    -- contract_order of the changed clients' allocations numbers them
    -- after every number stored in mv_path_allocations (whose changed rows
    -- are deleted when this is read): care_path_id and group_path_id stay
    -- unique over the whole table, whichever run computed a row
    SELECT pg_catalog.string_agg(CASE WHEN a.attname = 'contract_order'
                                      THEN 'q.contract_order + o.offset_ AS contract_order'
                                      ELSE 'q.' || pg_catalog.quote_ident(a.attname) END,
                                 ', ' ORDER BY a.attnum)
      INTO cols
      FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = 'jeugdnorm_internal.allocations'::pg_catalog.regclass
       AND a.attnum > 0 AND NOT a.attisdropped;
    IF cols !~ 'contract_order' THEN
        RAISE EXCEPTION 'incremental refresh: jeugdnorm_internal.allocations has no contract_order'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    EXECUTE 'CREATE VIEW jeugdnorm_internal.allocations_changed AS SELECT ' || cols
            || ' FROM (' || pg_catalog.rtrim(pg_catalog.regexp_replace(def, '\mjeugdnorm\.toewijzing\M',
                                                              'jeugdnorm_internal.toewijzing_changed', 'g'), E'; \n')
            || ') q CROSS JOIN (SELECT coalesce(pg_catalog.max(m.contract_order), 0) AS offset_'
            || ' FROM jeugdnorm_internal.mv_path_allocations m) o';

    -- the fact tables as such (read by mv_data_quality_rows): the claim
    -- lines claimed against the changed clients' allocations, whatever
    -- their own client_id; the changed clients' requests.  A join, not
    -- IN: (gemeente, toewijzingnummer) is toewijzing's key, so the rows
    -- are the same, and the planner probes declaratie's key index per
    -- allocation (with IN it scanned every claim line and hashed: scale 5,
    -- 1,262 allocations of 459 clients, the delta of mv_data_quality_rows
    -- 4.2 s against 1.0 s)
    CREATE VIEW jeugdnorm_internal.declaratie_changed AS
    SELECT d.*
      FROM jeugdnorm_internal.toewijzing_changed t
      JOIN jeugdnorm.declaratie d
        ON d.gemeente = t.gemeente
       AND d.toewijzingnummer = t.toewijzingnummer;
    EXECUTE pg_catalog.format(
        'CREATE VIEW jeugdnorm_internal.verzoek_changed AS SELECT v.* FROM jeugdnorm.verzoek v WHERE %s',
        jeugdnorm_internal.refresh_client_test('v.client_id'));

    -- claim_lines of the changed clients' allocation keys: claim_lines' own
    -- query over declaratie_changed, and its net-zero groups ([R12]) too
    -- (credit_groups, net_zero_groups: the same queries over
    -- declaratie_changed).  A group is one allocation key's lines, so
    -- restricting the lines by key first keeps every group whole; the
    -- planner cannot push the key into the anti-join's grouped subquery,
    -- so "claim_lines WHERE key IN (...)" summed the credit groups of
    -- every claim line in every incremental refresh (scale 5: 4.5 s, paid
    -- by mv_care_paths and mv_money_claim_lines (now mv_money_claim_sums) each).
    FOR cols IN SELECT x FROM pg_catalog.unnest(ARRAY['credit_groups', 'net_zero_groups', 'claim_lines']) AS x LOOP
        def := pg_catalog.pg_get_viewdef(pg_catalog.format('jeugdnorm_internal.%I', cols)::pg_catalog.regclass);
        def := pg_catalog.regexp_replace(def, '\mjeugdnorm\.declaratie\M', 'jeugdnorm_internal.declaratie_changed', 'g');
        def := pg_catalog.regexp_replace(def, '\mjeugdnorm_internal\.(credit_groups|net_zero_groups)\M',
                                         'jeugdnorm_internal.\1_changed', 'g');
        IF def !~ '\mjeugdnorm_internal\.(declaratie|credit_groups|net_zero_groups)_changed\M'
           OR def ~ '\mjeugdnorm\.declaratie\M'
           OR def ~ '\mjeugdnorm_internal\.(credit_groups|net_zero_groups|claim_lines|claims)\M' THEN
            RAISE EXCEPTION 'incremental refresh: jeugdnorm_internal.% does not read the claim lines as expected', cols
                USING ERRCODE = 'object_not_in_prerequisite_state', DETAIL = def;
        END IF;
        EXECUTE pg_catalog.format('CREATE VIEW jeugdnorm_internal.%I AS %s', cols || '_changed', def);
    END LOOP;
    PERFORM pg_catalog.set_config('search_path', caller_path, true);
END;
$restricted$;

COMMENT ON VIEW jeugdnorm_internal.toewijzing_changed IS
    'jeugdnorm.toewijzing of the clients the running refresh recomputes (jeugdnorm_internal.refresh_clients)';
COMMENT ON VIEW jeugdnorm_internal.allocations_changed IS
    'jeugdnorm_internal.allocations over the clients the running refresh recomputes (same query, toewijzing restricted first; contract_order numbers these rows after every number stored in mv_path_allocations)';
COMMENT ON VIEW jeugdnorm_internal.declaratie_changed IS
    'jeugdnorm.declaratie of the allocations of the clients the running refresh recomputes (claimed against them, whatever the line''s own client_id)';
COMMENT ON VIEW jeugdnorm_internal.verzoek_changed IS
    'jeugdnorm.verzoek of the clients the running refresh recomputes (jeugdnorm_internal.refresh_clients)';
COMMENT ON VIEW jeugdnorm_internal.claim_lines_changed IS
    'jeugdnorm_internal.claim_lines of the allocations of the clients the running refresh recomputes (same query over declaratie_changed)';
COMMENT ON VIEW jeugdnorm_internal.credit_groups_changed IS
    'jeugdnorm_internal.credit_groups over declaratie_changed: the credit groups of the changed clients'' allocations';
COMMENT ON VIEW jeugdnorm_internal.net_zero_groups_changed IS
    'jeugdnorm_internal.net_zero_groups over credit_groups_changed: the net-zero groups of the changed clients'' allocations';

-- ---- the conversion ----------------------------------------------------------------

DO $convert$
DECLARE
    targets  pg_catalog.oid[];
    recreate pg_catalog.oid[];
    members  pg_catalog.oid[];
    ordered  pg_catalog.oid[];
    r        record;
    o        pg_catalog.oid;
    v        record;
    def      text;
    delta    text;
    pred     text;
    rels     jsonb;
    views    jsonb;
    caller_path constant text := pg_catalog.current_setting('search_path');
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true);
    SELECT pg_catalog.array_agg(c.oid ORDER BY c.relname)
      INTO targets
      FROM jeugdnorm_internal.refresh_registry g
      JOIN pg_catalog.pg_class c
        ON c.relname = g.materialized_view
       AND c.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace
       AND c.relkind = 'm'
     WHERE g.strategy = 'per_client';
    IF targets IS NULL THEN
        PERFORM pg_catalog.set_config('search_path', caller_path, true);
        RETURN;
    END IF;

    -- materialised views that read a member directly must be re-created
    recreate := '{}';
    LOOP
        SELECT pg_catalog.array_agg(DISTINCT rw.ev_class)
          INTO members
          FROM pg_catalog.pg_depend d
          JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid
          JOIN pg_catalog.pg_class c ON c.oid = rw.ev_class AND c.relkind = 'm'
         WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
           AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND d.refobjid = ANY (targets || recreate)
           AND rw.ev_class <> ALL (targets || recreate);
        EXIT WHEN members IS NULL;
        recreate := recreate || members;
    END LOOP;
    members := targets || recreate;

    -- nothing but views and materialised views may depend on them
    FOR r IN
        SELECT pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid) AS what,
               d.refobjid::pg_catalog.regclass AS rel
          FROM pg_catalog.pg_depend d
         WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND d.refobjid = ANY (members)
           AND d.deptype = 'n'
           AND d.classid NOT IN ('pg_catalog.pg_rewrite'::pg_catalog.regclass, 'pg_catalog.pg_class'::pg_catalog.regclass)
    LOOP
        RAISE EXCEPTION 'incremental refresh: % depends on %, which is converted to a table', r.what, r.rel
            USING ERRCODE = 'dependent_objects_still_exist';
    END LOOP;

    -- dependency order among the members (upstream first)
    WITH RECURSIVE
    e AS (
        SELECT DISTINCT rw.ev_class AS r, d.refobjid AS d
          FROM pg_catalog.pg_depend d
          JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid
         WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
           AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND rw.ev_class = ANY (members)
           AND d.refobjid = ANY (members)
           AND d.refobjid <> rw.ev_class
    ),
    lvl AS (
        SELECT m AS oid, 0 AS level FROM pg_catalog.unnest(members) m
        UNION ALL
        SELECT e.r, l.level + 1 FROM lvl l JOIN e ON e.d = l.oid
         WHERE l.level < pg_catalog.cardinality(members)
    )
    SELECT pg_catalog.array_agg(x.oid ORDER BY x.level, x.oid::pg_catalog.regclass::text)
      INTO ordered
      FROM (SELECT l.oid, pg_catalog.max(l.level) AS level FROM lvl l GROUP BY l.oid) x;

    -- what must be rebuilt, captured before anything is renamed
    SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(x)) INTO rels FROM (
    SELECT c.oid, c.relname::text AS name, pg_catalog.array_position(ordered, c.oid) AS pos,
           c.oid = ANY (targets) AS to_table,
           c.relispopulated AS populated,
           pg_catalog.pg_get_viewdef(c.oid) AS def,
           pg_catalog.obj_description(c.oid, 'pg_class') AS descr,
           (SELECT pg_catalog.array_agg(pg_catalog.pg_get_indexdef(i.indexrelid) ORDER BY i.indexrelid::pg_catalog.regclass::text)
              FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid) AS indexes,
           (SELECT pg_catalog.array_agg(pg_catalog.format('COMMENT ON COLUMN jeugdnorm_internal.%I.%I IS %L',
                                                          c.relname, a.attname,
                                                          pg_catalog.col_description(c.oid, a.attnum))
                                        ORDER BY a.attnum)
              FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
               AND pg_catalog.col_description(c.oid, a.attnum) IS NOT NULL) AS col_comments,
           (SELECT pg_catalog.array_agg(pg_catalog.format('GRANT %s ON jeugdnorm_internal.%I TO %s',
                                                          x.privilege_type, c.relname,
                                                          CASE WHEN x.grantee = 0 THEN 'PUBLIC'
                                                               ELSE pg_catalog.quote_ident(x.grantee::pg_catalog.regrole::text) END)
                                        ORDER BY x.grantee, x.privilege_type)
              FROM pg_catalog.aclexplode(c.relacl) x
             WHERE x.grantee <> c.relowner) AS grants
      FROM pg_catalog.pg_class c
     WHERE c.oid = ANY (members)) x;

    SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(x)) INTO views FROM (
    SELECT DISTINCT c.oid, c.oid::pg_catalog.regclass::text AS name,
           pg_catalog.pg_get_viewdef(c.oid) AS def,
           c.reloptions
      FROM pg_catalog.pg_depend d
      JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid
      JOIN pg_catalog.pg_class c ON c.oid = rw.ev_class AND c.relkind = 'v'
     WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
       AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
       AND d.refobjid = ANY (members)) x;

    -- 1. move the old ones aside
    FOR r IN SELECT * FROM pg_catalog.jsonb_to_recordset(rels) AS r0(oid pg_catalog.oid, name text, pos int, to_table bool, populated bool, def text, descr text, indexes text[], col_comments text[], grants text[]) ORDER BY pos LOOP
        EXECUTE pg_catalog.format('ALTER MATERIALIZED VIEW jeugdnorm_internal.%I RENAME TO %I',
                                  r.name, r.name || '__old');
    END LOOP;

    -- 2. the new ones, upstream first: a table with the old rows and its
    --    computing view, or the materialised view again (same query)
    FOR r IN SELECT * FROM pg_catalog.jsonb_to_recordset(rels) AS r0(oid pg_catalog.oid, name text, pos int, to_table bool, populated bool, def text, descr text, indexes text[], col_comments text[], grants text[]) ORDER BY pos LOOP
        IF r.to_table THEN
            EXECUTE pg_catalog.format('CREATE TABLE jeugdnorm_internal.%I AS SELECT * FROM jeugdnorm_internal.%I %s',
                                      r.name, r.name || '__old',
                                      CASE WHEN r.populated THEN 'WITH DATA' ELSE 'WITH NO DATA' END);
            EXECUTE pg_catalog.format('CREATE VIEW jeugdnorm_internal.%I AS %s', r.name || '_full', r.def);
        ELSE
            EXECUTE pg_catalog.format('CREATE MATERIALIZED VIEW jeugdnorm_internal.%I AS %s %s',
                                      r.name, pg_catalog.rtrim(r.def, E'; \n'),
                                      CASE WHEN r.populated THEN 'WITH DATA' ELSE 'WITH NO DATA' END);
        END IF;
    END LOOP;

    -- 3. the plain views that read them: same text, now bound to the new ones
    FOR v IN SELECT * FROM pg_catalog.jsonb_to_recordset(coalesce(views, '[]')) AS jn_conv_view(oid pg_catalog.oid, name text, def text, reloptions text[]) ORDER BY name LOOP
        EXECUTE pg_catalog.format('CREATE OR REPLACE VIEW %s %s AS %s', v.name,
                                  CASE WHEN v.reloptions IS NULL THEN ''
                                       ELSE 'WITH (' || pg_catalog.array_to_string(v.reloptions, ', ') || ')' END,
                                  v.def);
    END LOOP;

    -- 4. the old ones go (downstream first; nothing else may read them now)
    FOR r IN SELECT * FROM pg_catalog.jsonb_to_recordset(rels) AS r0(oid pg_catalog.oid, name text, pos int, to_table bool, populated bool, def text, descr text, indexes text[], col_comments text[], grants text[]) ORDER BY pos DESC LOOP
        EXECUTE pg_catalog.format('DROP MATERIALIZED VIEW jeugdnorm_internal.%I', r.name || '__old');
    END LOOP;

    -- 5. indexes, comments, grants
    FOR r IN SELECT * FROM pg_catalog.jsonb_to_recordset(rels) AS r0(oid pg_catalog.oid, name text, pos int, to_table bool, populated bool, def text, descr text, indexes text[], col_comments text[], grants text[]) ORDER BY pos LOOP
        FOR def IN SELECT pg_catalog.unnest(r.indexes) LOOP
            EXECUTE def;
        END LOOP;
        EXECUTE pg_catalog.format('COMMENT ON %s jeugdnorm_internal.%I IS %L',
                                  CASE WHEN r.to_table THEN 'TABLE' ELSE 'MATERIALIZED VIEW' END,
                                  r.name,
                                  CASE WHEN r.to_table
                                       THEN r.descr || ' (a table kept by jeugdnorm.refresh(): per client, see jeugdnorm_internal.refresh_registry)'
                                       ELSE r.descr END);
        FOR def IN SELECT pg_catalog.unnest(r.col_comments) LOOP
            EXECUTE def;
        END LOOP;
        FOR def IN SELECT pg_catalog.unnest(r.grants) LOOP
            EXECUTE def;
        END LOOP;
        IF r.to_table THEN
            EXECUTE pg_catalog.format('COMMENT ON VIEW jeugdnorm_internal.%I IS %L', r.name || '_full',
                                      'the query of jeugdnorm_internal.' || r.name || ' over every client (a full refresh)');
        END IF;
    END LOOP;

    -- 6. per table: an index on client_id when it has one, <v>_changed, <v>_delta
    FOR r IN SELECT c.*, g.changed_rows
               FROM pg_catalog.jsonb_to_recordset(rels) AS c(oid pg_catalog.oid, name text, pos int, to_table bool, populated bool, def text, descr text, indexes text[], col_comments text[], grants text[])
               JOIN jeugdnorm_internal.refresh_registry g ON g.materialized_view = c.name
              WHERE c.to_table ORDER BY c.pos LOOP
        IF EXISTS (SELECT FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = pg_catalog.format('jeugdnorm_internal.%I', r.name)::pg_catalog.regclass
                      AND a.attname = 'client_id' AND NOT a.attisdropped) THEN
            EXECUTE pg_catalog.format('CREATE INDEX %I ON jeugdnorm_internal.%I (client_id)',
                                      r.name || '_client_id_idx', r.name);
        END IF;
        pred := jeugdnorm_internal.refresh_expand(r.changed_rows);
        EXECUTE pg_catalog.format('CREATE VIEW jeugdnorm_internal.%I AS SELECT * FROM jeugdnorm_internal.%I WHERE %s',
                                  r.name || '_changed', r.name, pred);
        EXECUTE pg_catalog.format('COMMENT ON VIEW jeugdnorm_internal.%I IS %L', r.name || '_changed',
                                  'the rows of jeugdnorm_internal.' || r.name
                                  || ' of the clients the running refresh recomputes (refresh_registry.changed_rows)');
    END LOOP;
    FOR r IN SELECT * FROM pg_catalog.jsonb_to_recordset(rels) AS r0(oid pg_catalog.oid, name text, pos int, to_table bool, populated bool, def text, descr text, indexes text[], col_comments text[], grants text[]) WHERE to_table ORDER BY pos LOOP
        delta := r.def;
        -- every client input by its restricted form; a reference without
        -- alias (the deparser writes its columns as name.column) gets its
        -- own name as alias
        FOR def IN SELECT x.name
                     FROM (SELECT 'allocations' AS name UNION ALL SELECT 'claim_lines'
                           UNION ALL SELECT t.name FROM pg_catalog.jsonb_to_recordset(rels) AS t(oid pg_catalog.oid, name text, pos int, to_table bool, populated bool, def text, descr text, indexes text[], col_comments text[], grants text[]) WHERE t.to_table) x LOOP
            delta := pg_catalog.regexp_replace(delta,
                         '\mjeugdnorm_internal\.' || def || '\M(?= (?!(ON|USING|WHERE|OFFSET|LIMIT|GROUP|ORDER|WINDOW|HAVING|UNION|EXCEPT|INTERSECT|JOIN|CROSS|LEFT|RIGHT|FULL|INNER|NATURAL|TABLESAMPLE)\M)[[:alpha:]_"])',
                         'jeugdnorm_internal.' || def || '_changed', 'g');
            delta := pg_catalog.regexp_replace(delta, '\mjeugdnorm_internal\.' || def || '\M',
                         'jeugdnorm_internal.' || def || '_changed ' || def, 'g');
        END LOOP;
        -- the fact tables read by name (mv_data_quality_rows), the same way
        FOREACH def IN ARRAY ARRAY['toewijzing', 'declaratie', 'verzoek'] LOOP
            delta := pg_catalog.regexp_replace(delta,
                         '\mjeugdnorm\.' || def || '\M(?= (?!(ON|USING|WHERE|OFFSET|LIMIT|GROUP|ORDER|WINDOW|HAVING|UNION|EXCEPT|INTERSECT|JOIN|CROSS|LEFT|RIGHT|FULL|INNER|NATURAL|TABLESAMPLE)\M)[[:alpha:]_"])',
                         'jeugdnorm_internal.' || def || '_changed', 'g');
            delta := pg_catalog.regexp_replace(delta, '\mjeugdnorm\.' || def || '\M',
                         'jeugdnorm_internal.' || def || '_changed ' || def, 'g');
        END LOOP;
        EXECUTE pg_catalog.format('CREATE VIEW jeugdnorm_internal.%I AS %s', r.name || '_delta', delta);
        EXECUTE pg_catalog.format('COMMENT ON VIEW jeugdnorm_internal.%I IS %L', r.name || '_delta',
                                  'the query of jeugdnorm_internal.' || r.name
                                  || ' over the clients the running refresh recomputes (an incremental refresh)');
    END LOOP;

    -- 7. check: no <v>_delta reaches a client input except through a
    --    restricted form
    FOR r IN
        WITH RECURSIVE
        restricted AS (
            SELECT c.oid FROM pg_catalog.pg_class c
             WHERE c.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace
               AND c.relkind = 'v' AND c.relname ~ '_changed$'
        ),
        reach(start, rel) AS (
            SELECT p.oid, p.oid
              FROM pg_catalog.jsonb_to_recordset(rels) AS t(oid pg_catalog.oid, name text, pos int, to_table bool, populated bool, def text, descr text, indexes text[], col_comments text[], grants text[])
              JOIN pg_catalog.pg_class p
                ON p.relname = t.name || '_delta'
               AND p.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace
             WHERE t.to_table
            UNION
            SELECT rc.start, d.refobjid
              FROM reach rc
              JOIN pg_catalog.pg_class c ON c.oid = rc.rel AND c.relkind = 'v'
              JOIN pg_catalog.pg_rewrite rw ON rw.ev_class = c.oid
              JOIN pg_catalog.pg_depend d
                ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = rw.oid
               AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid <> c.oid
             WHERE rc.rel NOT IN (SELECT oid FROM restricted)
        )
        SELECT rc.start::pg_catalog.regclass AS delta, rc.rel::pg_catalog.regclass AS input
          FROM reach rc
         WHERE rc.rel IN ('jeugdnorm.toewijzing'::pg_catalog.regclass, 'jeugdnorm.declaratie'::pg_catalog.regclass,
                          'jeugdnorm.verzoek'::pg_catalog.regclass, 'jeugdnorm_internal.allocations'::pg_catalog.regclass,
                          'jeugdnorm_internal.claim_lines'::pg_catalog.regclass, 'jeugdnorm_internal.claims'::pg_catalog.regclass)
            OR rc.rel IN (SELECT t.oid FROM pg_catalog.pg_class t JOIN pg_catalog.jsonb_to_recordset(rels) AS x(oid pg_catalog.oid, name text, pos int, to_table bool, populated bool, def text, descr text, indexes text[], col_comments text[], grants text[])
                            ON t.relname = x.name AND t.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace
                           WHERE x.to_table)
    LOOP
        RAISE EXCEPTION 'incremental refresh: % reads % unrestricted', r.delta, r.input
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'A per-client view may read client inputs only through jeugdnorm_internal.allocations, claim_lines or another per-client view; register it as ''full'' otherwise.';
    END LOOP;
    -- 8. what each per-client view reads of the fact tables: walk its
    --    <v>_full through views, SQL-standard function bodies and the
    --    <w>_full of the per-client tables it reads
    UPDATE jeugdnorm_internal.refresh_registry g
       SET reads = x.reads
      FROM (WITH RECURSIVE
            node(start, classid, objid) AS (
                SELECT t.name, 'pg_catalog.pg_class'::pg_catalog.regclass::pg_catalog.oid,
                       pg_catalog.to_regclass('jeugdnorm_internal.' || t.name || '_full')::pg_catalog.oid
                  FROM pg_catalog.jsonb_to_recordset(rels) AS t(name text, to_table bool)
                 WHERE t.to_table
                UNION
                SELECT n.start, y.classid, y.objid
                  FROM node n
                 CROSS JOIN LATERAL (
                       SELECT d.refclassid, d.refobjid
                         FROM pg_catalog.pg_rewrite rw
                         JOIN pg_catalog.pg_depend d
                           ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = rw.oid
                        WHERE n.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND rw.ev_class = n.objid
                          AND d.refclassid IN ('pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass)
                       UNION ALL
                       SELECT d.refclassid, d.refobjid
                         FROM pg_catalog.pg_depend d
                        WHERE n.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                          AND d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = n.objid
                          AND d.refclassid IN ('pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass)
                       UNION ALL
                       -- a per-client table: on through its <w>_full
                       SELECT 'pg_catalog.pg_class'::pg_catalog.regclass::pg_catalog.oid,
                              pg_catalog.to_regclass('jeugdnorm_internal.' || c.relname || '_full')::pg_catalog.oid
                         FROM pg_catalog.pg_class c
                        WHERE n.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND c.oid = n.objid
                          AND c.relkind = 'r'
                          AND c.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace
                          AND pg_catalog.to_regclass('jeugdnorm_internal.' || c.relname || '_full') IS NOT NULL
                       ) y(classid, objid)
            )
            SELECT n.start, pg_catalog.array_agg(DISTINCT c.relname::text ORDER BY c.relname::text) AS reads
              FROM node n
              JOIN pg_catalog.pg_class c
                ON n.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND c.oid = n.objid
             WHERE c.oid IN ('jeugdnorm.toewijzing'::pg_catalog.regclass, 'jeugdnorm.declaratie'::pg_catalog.regclass,
                             'jeugdnorm.verzoek'::pg_catalog.regclass)
             GROUP BY n.start) x
     WHERE g.materialized_view = x.start;
    IF EXISTS (SELECT FROM jeugdnorm_internal.refresh_registry g
                WHERE g.strategy = 'per_client' AND g.reads IS NULL
                  AND pg_catalog.to_regclass('jeugdnorm_internal.' || g.materialized_view || '_full') IS NOT NULL) THEN
        RAISE EXCEPTION 'incremental refresh: a per-client view reads no fact table'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    PERFORM pg_catalog.set_config('search_path', caller_path, true);
END;
$convert$;

-- ---- change capture ----------------------------------------------------------------
-- Statement-level AFTER triggers with transition tables on the fact
-- tables: per statement one row in refresh_pending with the distinct keys
-- of its old and new rows, whatever ran it (the loaders, INSERT, COPY,
-- UPDATE, DELETE; a TRUNCATE has no rows: capture_full below).  Whatever
-- a statement changes is noted in its own transaction, so a rolled-back
-- statement or transaction leaves nothing pending and a committed one
-- cannot be missed; concurrent writers each write their own rows (no
-- lock between them).
--
-- jeugdnorm_internal.capture_keys(key columns...) is C (src/pg/capture.c):
-- one hash probe per transition row on the key bytes, and the distinct
-- keys written as one row of arrays.  Its plpgsql predecessor (INSERT ...
-- SELECT DISTINCT over the transition table: a HashAggregate through the
-- executor, one heap insert per distinct key, and a compile and plan on
-- the first statement of each session) cost a month's raw INSERT ...
-- SELECT about a quarter more at demo scale 5; bench/RESULTS.md, "Change
-- capture", has the figures and what else was weighed (the loaders noting
-- their own changes; xmin; an unlogged queue).  PostgreSQL's own filling of
-- the transition tables stays: it is the price of seeing every row of any
-- statement.
--
-- A statement touching at least 10,000 rows and more than a fifth of the
-- table (the rows it holds after the statement, estimated from
-- pg_class.reltuples/relpages and its current size, as the planner does)
-- asks for a full recompute instead, without reading its rows (the count
-- of a transition table is known): an initial load, a reload, a mass
-- update.  Recomputing that many clients one by one costs more than a full
-- recompute, which covers every change.
--
-- Keys: allocations and requests note client_id (the per-client views
-- read requests by client too); a claim line notes its allocation's key
-- (gemeente, toewijzingnummer), and refresh() looks up the allocation's
-- client: the per-client views read claim lines only through their
-- allocation, and a change of the allocation itself (moved to another
-- client, deleted, inserted later) is noted by the toewijzing trigger with
-- its old and new client.  A claim line's own client_id is not needed:
-- mv_data_quality_rows counts a line for its allocation's client too, and
-- a line without allocation changes no per-client view (its data-quality
-- rows are mv_data_quality_orphans, recomputed every refresh).  To note more columns of a
-- table, name them in its triggers' arguments (text columns; at most 4)
-- and give refresh_pending a text[] column of the same name.
--
-- SECURITY DEFINER: the loader role has no privileges on
-- jeugdnorm_internal.

CREATE FUNCTION jeugdnorm_internal.capture_keys()
RETURNS trigger
LANGUAGE c
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'jn_capture_keys';

CREATE FUNCTION jeugdnorm_internal.capture_full()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO jeugdnorm_internal.refresh_pending (source, full_recompute)
    VALUES (TG_TABLE_NAME, true);
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION jeugdnorm_internal.capture_keys() IS
    'change capture (statement trigger on jeugdnorm.toewijzing, declaratie and verzoek; its arguments name the key columns): notes the distinct keys of the old and new rows in jeugdnorm_internal.refresh_pending as one row of arrays, or a full recompute when the statement touched at least 10,000 rows and more than a fifth of the table';
COMMENT ON FUNCTION jeugdnorm_internal.capture_full() IS
    'change capture (statement trigger on a catalogue or settings table, and TRUNCATE of the fact tables): marks a full recompute pending in jeugdnorm_internal.refresh_pending';
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.capture_keys(), jeugdnorm_internal.capture_full() FROM PUBLIC;

-- The key arrays of a statement (a month of claim lines: ~30,000 keys,
-- some 600 kB) are compressed with lz4 where the server has it: pglz took
-- half of the trigger's time at demo scale 5 (perf), lz4 a tenth of that.
-- A server built without lz4 keeps pglz (the default).
DO $lz4$
BEGIN
    ALTER TABLE jeugdnorm_internal.refresh_pending
        ALTER COLUMN client_id SET COMPRESSION lz4,
        ALTER COLUMN gemeente SET COMPRESSION lz4,
        ALTER COLUMN toewijzingnummer SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    NULL;
END;
$lz4$;

DO $triggers$
DECLARE
    t text;
    keys text;
    fact constant text[] := ARRAY['toewijzing', 'declaratie', 'verzoek'];
BEGIN
    FOREACH t IN ARRAY fact LOOP
        -- the key columns each table notes (see above)
        keys := CASE t WHEN 'declaratie' THEN $k$'gemeente', 'toewijzingnummer'$k$ ELSE $k$'client_id'$k$ END;
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER refresh_capture_insert AFTER INSERT ON jeugdnorm.%1$I
                 REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
                 EXECUTE FUNCTION jeugdnorm_internal.capture_keys(%2$s)', t, keys);
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER refresh_capture_update AFTER UPDATE ON jeugdnorm.%1$I
                 REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
                 EXECUTE FUNCTION jeugdnorm_internal.capture_keys(%2$s)', t, keys);
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER refresh_capture_delete AFTER DELETE ON jeugdnorm.%1$I
                 REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
                 EXECUTE FUNCTION jeugdnorm_internal.capture_keys(%2$s)', t, keys);
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER refresh_capture_truncate AFTER TRUNCATE ON jeugdnorm.%I
                 FOR EACH STATEMENT EXECUTE FUNCTION jeugdnorm_internal.capture_full()', t);
    END LOOP;

    -- every other input: the tables of schema jeugdnorm that a per-client
    -- view reads (through views and SQL-standard function bodies), and
    -- the catalogue tables by name
    FOR t IN
        WITH RECURSIVE
        node(classid, objid) AS (
            SELECT 'pg_catalog.pg_class'::pg_catalog.regclass::pg_catalog.oid, c.oid
              FROM pg_catalog.pg_class c
              JOIN jeugdnorm_internal.refresh_registry g ON c.relname = g.materialized_view || '_full'
             WHERE c.relnamespace = 'jeugdnorm_internal'::pg_catalog.regnamespace
            UNION
            SELECT x.classid, x.objid
              FROM node n
             CROSS JOIN LATERAL (
                   SELECT d.refclassid, d.refobjid
                     FROM pg_catalog.pg_rewrite rw
                     JOIN pg_catalog.pg_depend d
                       ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = rw.oid
                    WHERE n.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND rw.ev_class = n.objid
                      AND d.refclassid IN ('pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass)
                   UNION ALL
                   SELECT d.refclassid, d.refobjid
                     FROM pg_catalog.pg_depend d
                    WHERE n.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                      AND d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = n.objid
                      AND d.refclassid IN ('pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass)
                   ) x(classid, objid)
        )
        SELECT c.relname::text
          FROM node n
          JOIN pg_catalog.pg_class c
            ON n.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND c.oid = n.objid
         WHERE c.relkind IN ('r', 'p')
           AND c.relnamespace = 'jeugdnorm'::pg_catalog.regnamespace
        UNION
        SELECT c.relname::text
          FROM pg_catalog.pg_class c
         WHERE c.relnamespace = 'jeugdnorm'::pg_catalog.regnamespace
           AND c.relkind IN ('r', 'p')
           AND c.relname IN ('product', 'norm', 'contract', 'aanbieder', 'product_mapping', 'wijk', 'settings')
        ORDER BY 1
    LOOP
        CONTINUE WHEN t = ANY (fact);
        EXECUTE pg_catalog.format(
            'CREATE TRIGGER refresh_capture_full AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON jeugdnorm.%I
                 FOR EACH STATEMENT EXECUTE FUNCTION jeugdnorm_internal.capture_full()', t);
    END LOOP;
END;
$triggers$;

-- Upgrade only: the roles granted EXECUTE on the old refresh() get it on
-- refresh(boolean) (noted by src/upgrade/0.2.0--0.3.0.sql).
DO $regrant$
DECLARE
    g text;
BEGIN
    FOR g IN SELECT x FROM pg_catalog.regexp_split_to_table(
                 nullif(pg_catalog.current_setting('jeugdnorm.upgrade_refresh_grantees', true), ''), ',') AS x
              ORDER BY 1 LOOP
        EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION jeugdnorm.refresh(boolean) TO %s', g);
    END LOOP;
    PERFORM pg_catalog.set_config('jeugdnorm.upgrade_refresh_grantees', '', true);
END;
$regrant$;
