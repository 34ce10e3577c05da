-- security_leak_probe.sql -- every view a reader can query is a security
-- barrier (issue 14, part 1).
--
-- The contract views run with their owner's privileges and filter rows by
-- the caller's gemeenten themselves (45_path_views.sql).  Without
-- security_barrier the planner may push a condition of the caller's query
-- below that filter; a cheap function of the caller's own then sees the
-- rows of every gemeente (client_id, amounts, ...) although the query's
-- result is still right.  This is the probe an outsider ran, done for every
-- view and every column:
--
--   logged in (SET ROLE) as a reader of ONE gemeente, for every relation of
--   the extension's schemas the reader can SELECT (found in the catalogue
--   with has_table_privilege, so views added later are probed too) and for
--   every column c of it:
--       SELECT count(*) FROM view v WHERE pg_temp.leak(v.c::text)
--   where leak() is LANGUAGE plpgsql COST 0.0000001 (cheaper than anything,
--   so the planner runs it as early as it may) and records every value it
--   is handed in a temp table.  What it saw must be what the reader gets
--   from the view: per (view, column) the values seen are a subset of the
--   view's values for the reader, and the calls are no more than the rows
--   the reader gets (so not even a row of another gemeente with a value
--   that happens to be visible too).
--
-- Two control views over the same materialised view with the same access
-- filter, one plain and one WITH (security_barrier), prove the probe finds
-- a leak where there is one.
--
-- Catalogue: every view of schema jeugdnorm has security_barrier = true;
-- a reader can select nothing in jeugdnorm_internal; the SECURITY DEFINER
-- functions are exactly the eleven listed below (a new one must be added on
-- purpose), and of them a reader may execute only gemeenten_of (which
-- answers only for the session's own roles) and norm_sheet_context
-- (settings, version and a catalogue row: no client data).
--
-- Region: the demo region at scale 0.2 (test/fixtures/demo_small.sql), 7
-- gemeenten; the reader sees gemeente 0893, the smallest (235 of 5,098
-- allocations).
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(16);

\i test/fixtures/demo_small.sql
SELECT count(*) AS mvs FROM jeugdnorm.refresh() \gset
SELECT count(*) AS roles FROM jeugdnorm.create_roles() \gset

CREATE ROLE jn_leak_reader NOLOGIN IN ROLE jeugdnorm_reader;
INSERT INTO jeugdnorm.access (role_name, gemeente) VALUES ('jn_leak_reader', '0893');

-- Control views (temporary, owned by the superuser, so they too run with
-- their owner's privileges): the access filter of the contract views on
-- the materialised care paths, without and with security_barrier.
CREATE TEMP VIEW leak_control_plain AS
SELECT m.gemeente, m.client_id, m.volume::numeric(18,6) AS volume
  FROM jeugdnorm_internal.mv_care_paths m
 WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR m.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]));
CREATE TEMP VIEW leak_control_barrier WITH (security_barrier = true) AS
SELECT m.gemeente, m.client_id, m.volume::numeric(18,6) AS volume
  FROM jeugdnorm_internal.mv_care_paths m
 WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR m.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]));
GRANT SELECT ON leak_control_plain, leak_control_barrier TO jn_leak_reader;

-- ---- the probe, as the reader --------------------------------------------------------------
SET LOCAL ROLE jn_leak_reader;

-- what the leaky function was handed, and what the reader gets
CREATE TEMP TABLE leak_seen (rel text, col text, val text);
CREATE TEMP TABLE leak_visible (rel text, col text, val text);
CREATE TEMP TABLE leak_probed (rel text, col text, typ text, reader_rows bigint);

-- The reader's own function, as an outsider would write it: cheap, so the
-- planner runs it first wherever it is allowed to.
CREATE FUNCTION pg_temp.leak(rel text, col text, val text) RETURNS boolean
    LANGUAGE plpgsql COST 0.0000001
AS $$
BEGIN
    INSERT INTO pg_temp.leak_seen VALUES (rel, col, val);
    RETURN true;
END $$;

-- Probe every column of one relation: the reader's rows first (into a
-- snapshot, whose column values are what the reader may see), then one
-- query per column with leak() in its WHERE clause.
CREATE FUNCTION pg_temp.leak_probe(r regclass) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    a record;
    n bigint;
    k integer := 0;
BEGIN
    EXECUTE format('CREATE TEMP TABLE leak_snap AS SELECT * FROM %s', r);
    GET DIAGNOSTICS n = ROW_COUNT;
    FOR a IN SELECT attname::text AS col, format_type(atttypid, atttypmod) AS typ
               FROM pg_attribute WHERE attrelid = r AND attnum > 0 AND NOT attisdropped ORDER BY attnum LOOP
        EXECUTE format('INSERT INTO pg_temp.leak_visible SELECT %L, %L, s.%I::text FROM pg_temp.leak_snap s',
                       r::text, a.col, a.col);
        EXECUTE format('SELECT count(*) FROM %s v WHERE pg_temp.leak(%L, %L, v.%I::text)',
                       r, r::text, a.col, a.col);
        INSERT INTO pg_temp.leak_probed VALUES (r::text, a.col, a.typ, n);
        k := k + 1;
    END LOOP;
    DROP TABLE pg_temp.leak_snap;
    RETURN k;
END $$;

-- every relation of the extension's schemas the reader can select
SELECT sum(pg_temp.leak_probe(c.oid)) AS columns_probed,
       count(*) AS relations_probed,
       count(*) FILTER (WHERE c.relnamespace = 'jeugdnorm_internal'::regnamespace) AS internal_probed
  FROM pg_class c
 WHERE c.relnamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace)
   AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
   AND has_table_privilege(current_user, c.oid, 'SELECT') \gset
SELECT pg_temp.leak_probe('pg_temp.leak_control_plain') AS control_plain_cols \gset
SELECT pg_temp.leak_probe('pg_temp.leak_control_barrier') AS control_barrier_cols \gset
RESET ROLE;

-- ---- judged as superuser --------------------------------------------------------------------
-- (rel, col) pairs whose leak() calls saw a value the reader does not get
CREATE TEMP VIEW leak_unseen AS
SELECT DISTINCT rel, col
  FROM (SELECT rel, col, val FROM leak_seen EXCEPT SELECT rel, col, val FROM leak_visible) d;
-- (rel, col) pairs whose leak() ran on more rows than the reader gets
CREATE TEMP VIEW leak_extra_calls AS
SELECT DISTINCT rel, col
  FROM (SELECT rel, col, val FROM leak_seen EXCEPT ALL SELECT rel, col, val FROM leak_visible) d;

SELECT ok((SELECT count(*) FROM jeugdnorm_internal.mv_allocation_follow_up WHERE gemeente = '0893') BETWEEN 1
          AND (SELECT count(*) FROM jeugdnorm_internal.mv_allocation_follow_up) / 10,
          'the region: gemeente 0893 has allocations, and other gemeenten have at least 9 times as many');
SELECT cmp_ok(:relations_probed::integer, '>=', 23,
              'the reader can select at least the 23 reader views (' || :relations_probed || ' relations, '
              || :columns_probed || ' columns probed)');
SELECT is(ARRAY(SELECT v FROM unnest(ARRAY['jeugdnorm.allocation_follow_up', 'jeugdnorm.care_paths',
                                           'jeugdnorm.data_quality_rows', 'jeugdnorm.dim_gemeente',
                                           'jeugdnorm.realisation', 'jeugdnorm.cost_overview']) v
               EXCEPT SELECT rel FROM leak_probed),
          '{}', 'the views the outside probe named, and two aggregate views with amounts, are probed');
SELECT is(:internal_probed::bigint, 0::bigint, 'a reader can select no relation of jeugdnorm_internal');
SELECT is(ARRAY(SELECT p.rel || '.' || p.col FROM leak_probed p
                 WHERE p.reader_rows > 0 AND p.rel LIKE 'jeugdnorm%'
                   AND NOT EXISTS (SELECT FROM leak_seen s WHERE (s.rel, s.col) = (p.rel, p.col))
                 ORDER BY 1),
          '{}', 'the probe works: leak() ran for every column of every view that has rows for the reader');
-- The relations a reader could select when this test was written must have
-- rows for the reader, so that every column is compared with something.  A
-- view added later is probed all the same (without rows for the reader, any
-- value leak() sees is a leak); it is only listed here.
SELECT is(ARRAY(SELECT DISTINCT rel FROM leak_probed
                 WHERE reader_rows = 0
                   AND rel = ANY (ARRAY['jeugdnorm.allocation_follow_up', 'jeugdnorm.care_paths',
                                        'jeugdnorm.column_dictionary', 'jeugdnorm.cost_overview',
                                        'jeugdnorm.data_quality', 'jeugdnorm.data_quality_rows',
                                        'jeugdnorm.dim_aanbieder', 'jeugdnorm.dim_datum', 'jeugdnorm.dim_gemeente',
                                        'jeugdnorm.dim_product', 'jeugdnorm.ending_reasons', 'jeugdnorm.flow',
                                        'jeugdnorm.flow_by_kader', 'jeugdnorm.flow_by_wijk',
                                        'jeugdnorm.follow_up_rates', 'jeugdnorm.norm_deviation',
                                        'jeugdnorm.product_histogram', 'jeugdnorm.product_spread',
                                        'jeugdnorm.product_mapping', 'jeugdnorm.realisation',
                                        'jeugdnorm.referrals', 'jeugdnorm.request_lead_time',
                                        'jeugdnorm.top_paths', 'jeugdnorm.waiting_list'])
                 ORDER BY 1),
          '{}', 'the 24 relations of 0.3.0''s first probe all have rows for the reader of 0893');
SELECT diag('probed without rows for the reader: ' || string_agg(DISTINCT rel, ', '))
  FROM leak_probed WHERE reader_rows = 0 AND rel LIKE 'jeugdnorm%' HAVING count(*) > 0;

-- ---- the control views: the probe finds a leak where there is one ----------------------------
SELECT is(ARRAY(SELECT col FROM leak_unseen WHERE rel LIKE '%leak_control_plain' ORDER BY 1),
          '{client_id,gemeente,volume}',
          'control: through a plain view with the access filter, leak() sees other gemeenten'' values in every column');
SELECT is(ARRAY(SELECT col FROM leak_extra_calls WHERE rel LIKE '%leak_control_barrier' ORDER BY 1),
          '{}', 'control: the same view WITH (security_barrier) hands leak() only the reader''s rows');

-- ---- the views of the extension --------------------------------------------------------------
SELECT is(ARRAY(SELECT rel || '.' || col FROM leak_unseen WHERE rel LIKE 'jeugdnorm%' ORDER BY 1),
          '{}', 'no view hands leak() a value the reader does not get from it (every column)');
SELECT is(ARRAY(SELECT rel || '.' || col FROM leak_extra_calls WHERE rel LIKE 'jeugdnorm%' ORDER BY 1),
          '{}', 'no view runs leak() on more rows than the reader gets (every column)');
SELECT is(ARRAY(SELECT DISTINCT s.val FROM leak_seen s
                 WHERE s.rel LIKE 'jeugdnorm%' AND s.col = 'gemeente' AND s.val <> '0893'
                   AND s.val IN (SELECT gemeente FROM jeugdnorm.toewijzing) ORDER BY 1),
          '{}', 'leak() never sees the code of another gemeente in a gemeente column');
SELECT is((SELECT count(DISTINCT s.val) FROM leak_seen s
            WHERE s.rel LIKE 'jeugdnorm%' AND s.col = 'client_id'
              AND s.val IN (SELECT client_id FROM jeugdnorm.toewijzing WHERE gemeente <> '0893'
                            UNION SELECT client_id FROM jeugdnorm.declaratie WHERE gemeente <> '0893'
                            UNION SELECT client_id FROM jeugdnorm.verzoek WHERE gemeente <> '0893'
                            EXCEPT SELECT client_id FROM jeugdnorm.toewijzing WHERE gemeente = '0893'
                            EXCEPT SELECT client_id FROM jeugdnorm.declaratie WHERE gemeente = '0893'
                            EXCEPT SELECT client_id FROM jeugdnorm.verzoek WHERE gemeente = '0893')),
          0::bigint, 'leak() never sees the client_id of a client of other gemeenten only');
SELECT is(ARRAY(SELECT DISTINCT u.rel || '.' || u.col FROM leak_unseen u
                  JOIN leak_probed p USING (rel, col)
                 WHERE u.rel LIKE 'jeugdnorm%' AND p.typ = 'numeric(14,2)' ORDER BY 1),
          '{}', 'leak() never sees an amount (numeric(14,2)) the reader does not get');

-- ---- catalogue -------------------------------------------------------------------------------
-- CREATE OR REPLACE VIEW resets a view's options, so this is what shows
-- whether src/sql/99_security_barrier.sql ran after every view (also after
-- ALTER EXTENSION ... UPDATE: test/upgrade_catalog.sql compares reloptions).
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c
                 WHERE c.relnamespace = 'jeugdnorm'::regnamespace AND c.relkind = 'v'
                   AND NOT coalesce((SELECT o.option_value::boolean FROM pg_options_to_table(c.reloptions) o
                                      WHERE o.option_name = 'security_barrier'), false)
                 ORDER BY 1),
          '{}', 'every view of schema jeugdnorm has security_barrier = true');
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p
                 WHERE p.pronamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace)
                   AND p.prosecdef ORDER BY 1),
          -- ijw_parse reads the pseudonym key (27_ijw.sql); load_log_begin/end and
          -- refresh_log_failed write the run logs (24_load_log.sql, 81_data_status.sql);
          -- norm_sheet_context hands a sheet the settings and catalogue row (76_norm_sheet.sql)
          -- the capture_* trigger functions (capture_keys in C) record changed clients for the
          -- incremental refresh (97_incremental.sql): loaders have no rights there;
          -- distributed_sync_access and its trigger function copy jeugdnorm.access to the
          -- Citus workers (91_distributed_tables.sql; distributed mode only, not for PUBLIC)
          ARRAY['jeugdnorm.norm_sheet_context(text,text)', 'jeugdnorm.pseudonymise(text)',
                'jeugdnorm.refresh(boolean)', 'jeugdnorm.set_pseudonym_key(text,boolean)',
                'jeugdnorm_internal.capture_full()', 'jeugdnorm_internal.capture_keys()',
                'jeugdnorm_internal.distributed_access_changed()', 'jeugdnorm_internal.distributed_sync_access()',
                'jeugdnorm_internal.gemeenten_of(oid)', 'jeugdnorm_internal.ijw_parse(bigint,bigint,text[])',
                'jeugdnorm_internal.load_log_begin(text,text)', 'jeugdnorm_internal.load_log_end(bigint,bigint)',
                'jeugdnorm_internal.refresh_log_failed(text,text,text)'],
          'the SECURITY DEFINER functions are exactly the thirteen known ones (a new one must be added here on purpose)');
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p
                 WHERE p.pronamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace)
                   AND p.prosecdef AND has_function_privilege('jn_leak_reader', p.oid, 'EXECUTE') ORDER BY 1),
          ARRAY['jeugdnorm.norm_sheet_context(text,text)', 'jeugdnorm_internal.gemeenten_of(oid)'],
          'of them a reader may execute only gemeenten_of (it answers only for the session''s own roles) and norm_sheet_context (settings, version and catalogue rows, no client data)');

SELECT * FROM finish();
ROLLBACK;
