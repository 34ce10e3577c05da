-- test/citus/phase2.sql -- the per-client path layer and data-quality rows
-- computed in the shards (Citus phase 2, 91_distributed_tables.sql; make
-- test-citus: distribute() ran, the demo region is loaded and refreshed).
--   1. metadata: the seven path tables and mv_data_quality_rows hash-distributed by client_id,
--      co-located with toewijzing, 32 shards each; their coordinator copies
--      (<name>_snapshot) plain tables;
--   2. plans: EXPLAIN SELECT * FROM jeugdnorm.care_paths (and
--      allocation_follow_up) is a Citus Adaptive scan of the shards; every
--      fill is a co-located INSERT ... SELECT pushed down to the shards
--      (one task per shard with the Insert inside; no pull to the
--      coordinator, no repartition, no coordinator subplan);
--   3. the rows: every path table computed in the shards equals the
--      single-node computation of the same table on the coordinator
--      (<name>_full over the input snapshots), row for row (EXCEPT ALL both
--      ways; contract_order, care_path_id and group_path_id left out: they
--      are per client on a cluster), and its coordinator copy equals it;
--   4. the same after an incremental load (allocations shortened and
--      lengthened, one deleted, one added with a claim line and a net-zero
--      pair, claim lines of clients deleted) and refresh(), and refresh()
--      equals refresh(full => true) there; refresh_log has the shard steps;
--   5. tenancy: the row-level security of the two tables care_paths and
--      allocation_follow_up read, and jeugdnorm.access on every worker equal
--      to the coordinator's (run-citus-tests.sh checks the copy after a
--      committed change, and a LOGIN reader on a worker).
-- Everything in one transaction, rolled back.  Queries on Citus tables are
-- materialised into temporary tables first (a pgTAP call around a query on
-- a Citus table would be shipped to a worker with it).
BEGIN;
SET LOCAL client_min_messages = error;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; p text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN ' || q LOOP p := p || r || E'\n'; END LOOP;
    RETURN p;
END $$;
-- the rows of a path table in the shards and on the coordinator (its
-- <name>_full), without the per-client order columns: EXCEPT ALL both ways.
-- The <name>_full views downstream of mv_path_allocations read its
-- coordinator copy, whose care_path_id and group_path_id are per client
-- (they group by them across clients); pg_temp.single_node() first puts
-- the single-node mv_path_allocations (mv_path_allocations_full over the
-- input snapshots, global contract_order) into that copy, so every
-- <name>_full is the single-node computation (the copy is compared with
-- the shards before).
CREATE FUNCTION pg_temp.copy_diff(t text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE cols text; c bigint;
BEGIN
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols
      FROM pg_attribute
     WHERE attrelid = format('jeugdnorm_internal.%I', t || '_snapshot')::regclass
       AND attnum > 0 AND NOT attisdropped;
    EXECUTE format('CREATE TEMP TABLE d_shards AS SELECT %s FROM jeugdnorm_internal.%I', cols, t);
    EXECUTE format('CREATE TEMP TABLE d_snap AS SELECT %s FROM jeugdnorm_internal.%I', cols, t || '_snapshot');
    SELECT count(*) INTO c FROM ((SELECT * FROM d_snap EXCEPT ALL SELECT * FROM d_shards)
                                 UNION ALL (SELECT * FROM d_shards EXCEPT ALL SELECT * FROM d_snap)) x;
    DROP TABLE d_shards, d_snap;
    RETURN c;
END $$;
CREATE FUNCTION pg_temp.single_node() RETURNS void LANGUAGE sql AS $$
    DELETE FROM jeugdnorm_internal.mv_path_allocations_snapshot;
    INSERT INTO jeugdnorm_internal.mv_path_allocations_snapshot SELECT * FROM jeugdnorm_internal.mv_path_allocations_full;
$$;
CREATE FUNCTION pg_temp.diff(t text, copy_diff bigint) RETURNS text LANGUAGE plpgsql AS $$
DECLARE cols text; a bigint; b bigint; n bigint; c bigint := copy_diff;
BEGIN
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols
      FROM pg_attribute
     WHERE attrelid = format('jeugdnorm_internal.%I', t || '_full')::regclass
       AND attnum > 0 AND NOT attisdropped
       AND attname NOT IN ('contract_order', 'care_path_id', 'group_path_id');
    EXECUTE format('CREATE TEMP TABLE d_shards AS SELECT %s FROM jeugdnorm_internal.%I', cols, t);
    EXECUTE format('CREATE TEMP TABLE d_coord AS SELECT %s FROM jeugdnorm_internal.%I', cols, t || '_full');
    SELECT count(*) INTO n FROM d_shards;
    SELECT count(*) INTO a FROM (SELECT * FROM d_shards EXCEPT ALL SELECT * FROM d_coord) x;
    SELECT count(*) INTO b FROM (SELECT * FROM d_coord EXCEPT ALL SELECT * FROM d_shards) x;
    DROP TABLE d_shards, d_coord;
    RETURN format('only in the shards %s, only on the coordinator %s, copy differs %s%s',
                  a, b, c, CASE WHEN n > 0 THEN '' ELSE ' (no rows!)' END);
END $$;
RESET client_min_messages;
SELECT plan(45);

-- 1. metadata
SELECT is((SELECT array_agg(logicalrelid::text || ':' || partmethod::text || ':'
                            || column_to_column_name(logicalrelid, partkey) ORDER BY logicalrelid::text)
             FROM pg_dist_partition
            WHERE logicalrelid::text LIKE 'jeugdnorm\_internal.%'),
          ARRAY['jeugdnorm_internal.mv_allocation_follow_up:h:client_id',
                'jeugdnorm_internal.mv_care_path_endings:h:client_id',
                'jeugdnorm_internal.mv_care_paths:h:client_id',
                'jeugdnorm_internal.mv_data_quality_rows:h:client_id',
                'jeugdnorm_internal.mv_group_path_starts:h:client_id',
                'jeugdnorm_internal.mv_group_paths:h:client_id',
                'jeugdnorm_internal.mv_kader_paths:h:client_id',
                'jeugdnorm_internal.mv_path_allocations:h:client_id'],
          'pg_dist_partition: the seven per-client path tables and mv_data_quality_rows hash-distributed by client_id, nothing else of jeugdnorm_internal');
SELECT is((SELECT count(DISTINCT colocationid) FROM pg_dist_partition
            WHERE logicalrelid::text LIKE 'jeugdnorm\_internal.%' OR logicalrelid = 'jeugdnorm.toewijzing'::regclass),
          1::bigint, 'and co-located with toewijzing (one co-location group)');
SELECT is((SELECT array_agg(DISTINCT n) FROM (SELECT count(*) AS n FROM pg_dist_shard
                                               WHERE logicalrelid::text LIKE 'jeugdnorm\_internal.%'
                                               GROUP BY logicalrelid) x),
          ARRAY[32::bigint], '32 shards each');
SELECT is((SELECT count(*) FROM pg_class c
            WHERE c.relnamespace = 'jeugdnorm_internal'::regnamespace AND c.relkind = 'r'
              AND c.relname IN (SELECT name || '_snapshot' FROM jeugdnorm_internal.distributed_path_tables())
              AND c.oid NOT IN (SELECT logicalrelid FROM pg_dist_partition)),
          8::bigint, 'each has a plain coordinator copy <name>_snapshot');
SELECT is((SELECT count(*) FROM pg_depend d
            WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e'
              AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'jeugdnorm')
              AND d.objid IN (SELECT logicalrelid FROM pg_dist_partition
                               WHERE logicalrelid::text LIKE 'jeugdnorm\_internal.%')),
          8::bigint, 'the distributed per-client tables belong to the extension');

-- 2. plans
SELECT matches(pg_temp.plan_of('SELECT * FROM jeugdnorm.care_paths'),
               '^\s*Custom Scan \(Citus Adaptive\).*Task Count: 32.*->  Task.*Seq Scan on mv_care_paths_[0-9]+',
               'EXPLAIN SELECT * FROM jeugdnorm.care_paths: a Citus Adaptive scan of the shards of mv_care_paths');
SELECT matches(pg_temp.plan_of('SELECT * FROM jeugdnorm.allocation_follow_up'),
               '^\s*Custom Scan \(Citus Adaptive\).*Task Count: 32.*->  Task.*Seq Scan on mv_allocation_follow_up_[0-9]+',
               'EXPLAIN SELECT * FROM jeugdnorm.allocation_follow_up: a Citus Adaptive scan of the shards');
SELECT unalike(pg_temp.plan_of('SELECT * FROM jeugdnorm.care_paths'), '%_snapshot%',
              'care_paths no longer reads the coordinator copy');
SELECT lives_ok('EXPLAIN (ANALYZE, COSTS off) SELECT * FROM jeugdnorm.care_paths',
                'EXPLAIN ANALYZE of care_paths runs on the cluster (no care_path[] column crosses the network)');
SELECT is((SELECT array_agg(c.relname::text || ' ' || array_to_string(c.reloptions, ',') ORDER BY c.relname)
             FROM pg_class c
            WHERE c.oid IN ('jeugdnorm.care_paths'::regclass, 'jeugdnorm.allocation_follow_up'::regclass)),
          ARRAY['allocation_follow_up security_barrier=true', 'care_paths security_barrier=true'],
          'the re-pointed contract views keep security_barrier');
SELECT is((SELECT count(*) FROM pg_attribute a
            WHERE a.attrelid = 'jeugdnorm.care_paths'::regclass AND a.attnum > 0
              AND col_description(a.attrelid, a.attnum) IS NULL),
          0::bigint, 'and their column comments (every column of care_paths still has one)');
-- (every statement of a fill: mv_data_quality_rows has two, '<name>/2' the requests' rows)
CREATE TEMP TABLE fill_plans AS
SELECT d.name, x.stmt, pg_temp.plan_of(x.q) AS p
  FROM jeugdnorm_internal.distributed_path_tables() d
 CROSS JOIN pg_catalog.generate_series(1, 3) AS part(n)
 CROSS JOIN LATERAL (SELECT CASE WHEN part.n = 1 THEN d.name ELSE d.name || '/' || part.n END AS stmt) AS s
 CROSS JOIN LATERAL (SELECT s.stmt, jeugdnorm_internal.distributed_fill_sql(s.stmt) AS q) AS x
 WHERE x.q IS NOT NULL;
SELECT matches(f.p, '^\s*Custom Scan \(Citus Adaptive\).*Task Count: 32.*->  Task.*->  Insert on ' || f.name || '_[0-9]+',
               'the fill of ' || f.stmt || ' is a co-located INSERT ... SELECT: one task per shard, the Insert inside')
  FROM fill_plans f ORDER BY f.stmt;
SELECT is((SELECT array_agg(f.name ORDER BY f.name) FROM fill_plans f
            WHERE f.p ~* 'pull to coordinator|repartition|Distributed Subplan|method: MERGE'),
          NULL, 'no fill pulls rows to the coordinator, repartitions or runs a coordinator subplan');

-- 3. the rows after the runner's loads and refreshes
CREATE TEMP TABLE diffs_copy AS
SELECT d.name, pg_temp.copy_diff(d.name) AS c FROM jeugdnorm_internal.distributed_path_tables() d;
SELECT pg_temp.single_node();
CREATE TEMP TABLE diffs AS
SELECT d.name, d.pos, pg_temp.diff(d.name, c.c) AS diff
  FROM jeugdnorm_internal.distributed_path_tables() d JOIN diffs_copy c USING (name);
SELECT is(x.diff, 'only in the shards 0, only on the coordinator 0, copy differs 0',
          x.name || ': computed in the shards = the single-node query on the coordinator; the coordinator copy = the shards')
  FROM diffs x ORDER BY x.pos;

-- 4. an incremental load, then refresh()
CREATE TEMP TABLE changed AS
SELECT client_id, row_number() OVER (ORDER BY client_id) AS i
  FROM (SELECT DISTINCT client_id FROM jeugdnorm.toewijzing WHERE einddatum IS NOT NULL) c
 ORDER BY client_id LIMIT 40;
UPDATE jeugdnorm.toewijzing t SET einddatum = t.einddatum + 45
  FROM changed c WHERE c.client_id = t.client_id AND c.i <= 10;
UPDATE jeugdnorm.toewijzing t SET einddatum = greatest(t.ingangsdatum, t.einddatum - 60)
  FROM changed c WHERE c.client_id = t.client_id AND c.i BETWEEN 11 AND 20;
DELETE FROM jeugdnorm.declaratie d USING changed c WHERE c.client_id = d.client_id AND c.i BETWEEN 21 AND 30;
CREATE TEMP TABLE gone AS
SELECT t.client_id, t.gemeente, t.toewijzingnummer
  FROM jeugdnorm.toewijzing t JOIN changed c ON c.client_id = t.client_id AND c.i = 31
 ORDER BY t.ingangsdatum LIMIT 1;
DELETE FROM jeugdnorm.declaratie d USING gone g
 WHERE d.client_id = g.client_id AND d.gemeente = g.gemeente AND d.toewijzingnummer = g.toewijzingnummer;
DELETE FROM jeugdnorm.toewijzing t USING gone g
 WHERE t.client_id = g.client_id AND t.gemeente = g.gemeente AND t.toewijzingnummer = g.toewijzingnummer;
CREATE TEMP TABLE added AS
SELECT t.* FROM jeugdnorm.toewijzing t JOIN changed c ON c.client_id = t.client_id AND c.i = 32
 ORDER BY t.ingangsdatum DESC LIMIT 1;
UPDATE added SET toewijzingnummer = 'P2' || toewijzingnummer,
                 ingangsdatum = coalesce(einddatum, ingangsdatum) + 30,
                 einddatum = coalesce(einddatum, ingangsdatum) + 120;
INSERT INTO jeugdnorm.toewijzing SELECT * FROM added;
INSERT INTO jeugdnorm.declaratie (client_id, gemeente, toewijzingnummer, productcategorie, productcode,
                                  begindatum, einddatum, volume, eenheid, bedrag)
SELECT a.client_id, a.gemeente, a.toewijzingnummer, a.productcategorie, a.productcode,
       a.ingangsdatum + x.b, a.ingangsdatum + x.b + 9, x.v, '04', x.bedrag
  FROM added a,
       (VALUES (0, 10, 100.00), (20, 5, 50.00), (20, -5, -50.00)) AS x(b, v, bedrag);
SET LOCAL jeugdnorm.progress = off;
CREATE TEMP TABLE run AS SELECT * FROM jeugdnorm.refresh();
CREATE TEMP TABLE diffs2_copy AS
SELECT d.name, pg_temp.copy_diff(d.name) AS c FROM jeugdnorm_internal.distributed_path_tables() d;
SELECT pg_temp.single_node();
CREATE TEMP TABLE diffs2 AS
SELECT d.name, d.pos, pg_temp.diff(d.name, c.c) AS diff
  FROM jeugdnorm_internal.distributed_path_tables() d JOIN diffs2_copy c USING (name);
SELECT is(x.diff, 'only in the shards 0, only on the coordinator 0, copy differs 0',
          x.name || ' after an incremental load and refresh(): the shards = the single-node query; the copy = the shards')
  FROM diffs2 x ORDER BY x.pos;
CREATE TEMP TABLE care_after AS
SELECT client_id, aanbieder, product, path_no, einde, claim_lines, volume FROM jeugdnorm.care_paths
 WHERE client_id IN (SELECT client_id FROM changed);
SELECT ok((SELECT count(*) FROM care_after c JOIN added a ON a.client_id = c.client_id
            WHERE c.einde = a.einddatum) >= 1,
          'the added allocation''s path shows in care_paths (through the shards)');
SELECT is((SELECT count(*) FROM care_after c JOIN changed x ON x.client_id = c.client_id AND x.i BETWEEN 21 AND 30
            WHERE c.claim_lines > 0), 0::bigint,
          'the clients whose claim lines were deleted have no claim lines in care_paths');
SELECT is((SELECT array_agg(materialized_view ORDER BY materialized_view) FROM run
            WHERE materialized_view IN (SELECT 'jeugdnorm_internal.' || name FROM jeugdnorm_internal.distributed_path_tables())),
          (SELECT array_agg('jeugdnorm_internal.' || name ORDER BY 'jeugdnorm_internal.' || name)
             FROM jeugdnorm_internal.distributed_path_tables()),
          'refresh() reports a step per distributed table');
CREATE TEMP TABLE counted AS
SELECT d.name, (xpath('//n/text()', query_to_xml(format('SELECT count(*) AS n FROM jeugdnorm_internal.%I', d.name),
                                                    false, false, '')))[1]::text::bigint AS n
  FROM jeugdnorm_internal.distributed_path_tables() d;
SELECT is((SELECT array_agg(l.materialized_view || ' ' || l.rows || ' ' || l.mode ORDER BY l.step)
             FROM jeugdnorm.refresh_log l
            WHERE l.refresh_id = (SELECT max(refresh_id) FROM jeugdnorm.refresh_log)
              AND l.step BETWEEN 1 AND (SELECT count(*) FROM jeugdnorm_internal.distributed_path_tables())),
          (SELECT array_agg('jeugdnorm_internal.' || d.name || ' ' || c.n || ' full' ORDER BY d.pos)
             FROM jeugdnorm_internal.distributed_path_tables() d JOIN counted c USING (name)),
          'refresh_log: the eight shard steps first, in fill order, with the rows each table holds');
-- refresh() = refresh(full => true) (on a cluster both recompute every
-- client in the shards)
CREATE TEMP TABLE sig1 AS
SELECT d.name, (xpath('//s/text()', query_to_xml(
           format('SELECT md5(string_agg(r::text, E''\n'' ORDER BY r::text)) AS s FROM jeugdnorm_internal.%I r', d.name),
           false, false, '')))[1]::text AS s
  FROM jeugdnorm_internal.distributed_path_tables() d;
CREATE TEMP TABLE run2 AS SELECT * FROM jeugdnorm.refresh(full => true);
CREATE TEMP TABLE sig2 AS
SELECT d.name, (xpath('//s/text()', query_to_xml(
           format('SELECT md5(string_agg(r::text, E''\n'' ORDER BY r::text)) AS s FROM jeugdnorm_internal.%I r', d.name),
           false, false, '')))[1]::text AS s
  FROM jeugdnorm_internal.distributed_path_tables() d;
SELECT is((SELECT array_agg(a.name ORDER BY a.name) FROM sig1 a JOIN sig2 b USING (name)
            WHERE a.s IS DISTINCT FROM b.s OR a.s IS NULL),
          NULL, 'refresh() after the incremental load = refresh(full => true): the same rows in all eight tables');

-- 5. tenancy
SELECT is((SELECT array_agg(polrelid::regclass::text || ' ' || polname || ' ' || pg_get_expr(polqual, polrelid)
                            ORDER BY polrelid::regclass::text)
             FROM pg_policy
            WHERE polrelid IN ('jeugdnorm_internal.mv_care_paths'::regclass,
                               'jeugdnorm_internal.mv_allocation_follow_up'::regclass)),
          ARRAY['jeugdnorm_internal.mv_allocation_follow_up mv_allocation_follow_up_by_gemeente (jeugdnorm_internal.sees_all_gemeenten() OR (gemeente = ANY (jeugdnorm_internal.visible_gemeenten())))',
                'jeugdnorm_internal.mv_care_paths mv_care_paths_by_gemeente (jeugdnorm_internal.sees_all_gemeenten() OR (gemeente = ANY (jeugdnorm_internal.visible_gemeenten())))'],
          'the two Citus tables the contract views read have the views'' gemeente rule as row-level security');
SELECT is((SELECT array_agg(relname::text ORDER BY relname) FROM pg_class
            WHERE oid IN ('jeugdnorm_internal.mv_care_paths'::regclass, 'jeugdnorm_internal.mv_allocation_follow_up'::regclass)
              AND relrowsecurity AND NOT relforcerowsecurity),
          ARRAY['mv_allocation_follow_up', 'mv_care_paths'], 'row-level security on (not forced: refresh() as owner fills them)');
CREATE TEMP TABLE on_workers AS
SELECT r.result FROM run_command_on_workers(
    'SELECT count(*) || '' '' || md5(string_agg(role_name || '':'' || gemeente, '','' ORDER BY role_name, gemeente)) FROM jeugdnorm.access') r;
SELECT is((SELECT array_agg(DISTINCT result) FROM on_workers),
          (SELECT ARRAY[count(*) || ' ' || md5(string_agg(role_name || ':' || gemeente, ',' ORDER BY role_name, gemeente))]
             FROM jeugdnorm.access),
          'jeugdnorm.access on every worker = the coordinator''s (the runner checks it after a change too)');

SELECT * FROM finish();
ROLLBACK;
