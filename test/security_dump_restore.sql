-- Backup and restore (issue 9, part 5): pg_dump of a database with the
-- extension and data, restored into a fresh database, gives the same
-- results after jeugdnorm.refresh(); settings and the pseudonym key survive;
-- the materialised views are empty after the restore until refresh().
--
-- CREATE DATABASE cannot run inside this file's transaction, so the two
-- scratch databases (jn_dump_src, jn_dump_dst) are made and filled by shell
-- commands (psql backquotes: createdb, psql, pg_dump, pg_restore from the
-- test cluster's bin directory, PGHOST/PGPORT/PGUSER from the test runner).
-- Each command's exit status and output come back as psql variables.
-- (SQL passed to psql -c is folded onto one line: psql does not pass a
-- value with a newline to a shell command.)
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(20);

\set dir `mktemp -d "${TMPDIR:-/tmp}/jn_dump.XXXXXX"`

-- ---- SQL run in the scratch databases (dollar-quoted here, no escaping) -------------
-- Source: the small region (settings changed by the fixture), a key, a
-- BSN source loaded from a TEMP table (so the dump never sees the BSNs),
-- the rejected rows that brings, the money inputs of 0.3.0 (a staffel
-- referencing its ceiling: restored in foreign-key order), then refresh().
SELECT regexp_replace($sql$
SELECT jeugdnorm.set_pseudonym_key('dump and restore test key: 32 bytes or more');
CREATE TEMP TABLE jw301 AS
SELECT * FROM (VALUES
    ('0758', 'DR1', '123456782', '10000001', '45', '45A12', date '2024-01-08', date '2024-06-30', 3, '04', '2'),
    ('0758', 'DR2', '123456782', '10000001', '45', '45A12', date '2024-08-01', NULL, 2, '04', '2'),
    ('0758', 'DR3', '111222333', '20000002', '45', '45A30', date '2023-03-01', date '2023-12-31', 1, '16', '2'),
    ('0758', 'DR4', '123456789', '10000001', '45', '45A12', date '2024-01-08', NULL, 3, '04', '2'))
    AS t(gemeente, toewijzingnummer, bsn, aanbieder, productcategorie, productcode,
         ingangsdatum, einddatum, volume, eenheid, frequentie);
SELECT * FROM jeugdnorm.load_toewijzingen('jw301');
CREATE TEMP TABLE jw323 AS
SELECT * FROM (VALUES
    ('0758', 'DR1', '123456782', '10000001', '45', '45A12', date '2024-01-08', date '2024-01-31', 12, '04', 720),
    ('0758', 'DR3', '111222333', '20000002', '45', '45A30', date '2023-03-01', date '2023-03-31', 8, '16', 480),
    ('0758', 'DR3', '11122233',  '20000002', '45', '45A30', date '2023-04-01', date '2023-04-30', 8, '16', 480))
    AS t(gemeente, toewijzingnummer, bsn, aanbieder, productcategorie, productcode,
         begindatum, einddatum, volume, eenheid, bedrag);
SELECT * FROM jeugdnorm.load_declaraties('jw323');
INSERT INTO jeugdnorm.gemeente_jaar VALUES ('0758', 2024, 1000, 250000), ('0840', 2024, NULL, 90000);
INSERT INTO jeugdnorm.indexatie VALUES (2024, 5.6);
INSERT INTO jeugdnorm.capaciteit VALUES ('0758', '10000001', '45A12', '2024-01-01', NULL, 3);
INSERT INTO jeugdnorm.budgetplafond VALUES ('P-REGIO', 2024, NULL, '10000001', NULL, 5000, 5),
                                           ('P-0758', 2024, '0758', '10000001', '45A12', 2000, NULL);
INSERT INTO jeugdnorm.staffel VALUES ('P-0758', 90, 10), ('P-0758', 100, 25);
SELECT count(*) FROM jeugdnorm.refresh();
$sql$, '\s+', ' ', 'g') AS src_setup_sql \gset

-- One line per table, view and materialised view of the extension: row
-- count and md5 of its rows as text, sorted.  Ids, load times and the key
-- are data too: a restore must keep them exactly.  Not compared here: the
-- refresh history (refresh_log, and data_status, which reads it, and the
-- incremental refresh's refresh_state, the time of the last refresh),
-- since the restored database's own refresh adds a run; checked on its
-- own below.
SELECT regexp_replace($sql$
SELECT string_agg(c.oid::regclass::text || '=' ||
           (xpath('/row/h/text()', query_to_xml(format(
               $q$SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), '')) AS h FROM %s AS t$q$,
               c.oid::regclass), false, true, '')))[1]::text,
           chr(10) ORDER BY c.oid::regclass::text)
  FROM pg_class c
 WHERE c.relnamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace)
   AND c.relkind IN ('r', 'v', 'm')
   AND c.oid NOT IN ('jeugdnorm.refresh_log'::regclass, 'jeugdnorm.data_status'::regclass,
                     'jeugdnorm_internal.refresh_state'::regclass)
$sql$, '\s+', ' ', 'g') AS checksum_sql \gset
SELECT regexp_replace($sql$
SELECT count(*) || ' ' || max(refresh_id) || ' ' || count(DISTINCT refresh_id) FROM jeugdnorm.refresh_log
$sql$, '\s+', ' ', 'g') AS log_sql \gset

SELECT regexp_replace($sql$
SELECT (SELECT count(*) FROM jeugdnorm.toewijzing) || ' ' || (SELECT count(*) FROM jeugdnorm.care_paths)
       || ' ' || (SELECT count(*) FROM jeugdnorm.allocation_follow_up)
       || ' ' || (SELECT count(*) FROM jeugdnorm_internal.mv_group_paths)
$sql$, '\s+', ' ', 'g') AS counts_sql \gset

-- ---- source database ------------------------------------------------------------------
\set rc `{ dropdb --if-exists jn_dump_src; dropdb --if-exists jn_dump_dst; createdb jn_dump_src && psql -X -q -v ON_ERROR_STOP=1 -d jn_dump_src -c 'CREATE EXTENSION jeugdnorm' -f test/fixtures/small_region.sql -c :'src_setup_sql'; } > :'dir'/setup.log 2>&1; echo $?`
SELECT is(:'rc'::text, '0', 'source database: extension, small region, key and a BSN load set up');
\set src_sum `psql -X -tAq -d jn_dump_src -c :'checksum_sql' 2>&1`
\set src_counts `psql -X -tAq -d jn_dump_src -c :'counts_sql' 2>&1`
\set src_key `psql -X -tAq -d jn_dump_src -c 'SELECT encode(sha256(key), $$hex$$) FROM jeugdnorm.pseudonym_key' 2>&1`
\set src_settings `psql -X -tAq -d jn_dump_src -c 'SELECT s::text FROM jeugdnorm.settings AS s' 2>&1`
\set src_pseudonym `psql -X -tAq -d jn_dump_src -c 'SELECT jeugdnorm.pseudonymise($$999999990$$)' 2>&1`
\set src_log `psql -X -tAq -d jn_dump_src -c :'log_sql' 2>&1`
\set src_rejected `psql -X -tAq -d jn_dump_src -c 'SELECT count(*) FROM jeugdnorm.rejected' 2>&1`
SELECT cmp_ok(array_length(string_to_array(:'src_sum', E'\n'), 1), '>=', 25,
    'source: a checksum for every table, view and materialised view (25 or more)');
SELECT isnt(split_part(:'src_counts', ' ', 2), '0', 'source: care_paths has rows after refresh');
SELECT is(:'src_rejected'::text, '2', 'source: the two BSNs failing the elfproef were rejected');
SELECT is(:'src_settings'::text, '(2023-01-01,2025-06-30,90,365,90,21,t,t,t,56,0.80,1.00,10)',
    'source: the settings of the small region (window_start 2023-01-01, peildatum 2025-06-30, changed)');

-- ---- dump, restore into a fresh database ------------------------------------------------
\set rc `pg_dump -Fc -f :'dir'/src.dump jn_dump_src > :'dir'/dump.log 2>&1; echo $?`
SELECT is(:'rc'::text, '0', 'pg_dump -Fc of the source database');
\set dump_bsns `pg_restore -f - :'dir'/src.dump | grep -c -e 123456782 -e 111222333 -e 123456789 -e 11122233`
SELECT is(:'dump_bsns'::text, '0', 'the dump contains none of the BSNs loaded');
\set dump_key `pg_restore -f - :'dir'/src.dump | grep -c '^COPY jeugdnorm.pseudonym_key '`
SELECT is(:'dump_key'::text, '1', 'the dump contains the pseudonym key (pg_extension_config_dump)');
\set rc `{ createdb jn_dump_dst && pg_restore --exit-on-error -d jn_dump_dst :'dir'/src.dump; } > :'dir'/restore.log 2>&1; echo $?`
SELECT is(:'rc'::text, '0', 'pg_restore into a fresh database, without errors');

-- ---- after the restore, before refresh ----------------------------------------------------
\set dst_counts `psql -X -tAq -d jn_dump_dst -c :'counts_sql' 2>&1`
SELECT is(split_part(:'dst_counts', ' ', 1), split_part(:'src_counts', ' ', 1),
    'restored: every allocation is back');
SELECT is(substr(:'dst_counts', strpos(:'dst_counts', ' ') + 1), '0 0 0',
    'restored, before refresh: the materialised views are empty (care_paths, allocation_follow_up, group paths)');
\set dst_key `psql -X -tAq -d jn_dump_dst -c 'SELECT encode(sha256(key), $$hex$$) FROM jeugdnorm.pseudonym_key' 2>&1`
SELECT is(:'dst_key'::text, :'src_key'::text, 'restored: the same pseudonym key');
SELECT is(length(:'dst_key'), 64, 'restored: exactly one key row');
\set dst_settings `psql -X -tAq -d jn_dump_dst -c 'SELECT s::text FROM jeugdnorm.settings AS s' 2>&1`
SELECT is(:'dst_settings'::text, :'src_settings'::text, 'restored: the same settings row');
\set dst_pseudonym `psql -X -tAq -d jn_dump_dst -c 'SELECT jeugdnorm.pseudonymise($$999999990$$)' 2>&1`
SELECT is(:'dst_pseudonym'::text, :'src_pseudonym'::text, 'restored: a new BSN gets the same pseudonym as before the dump');

-- ---- refresh ------------------------------------------------------------------------------------
\set rc `psql -X -q -v ON_ERROR_STOP=1 -d jn_dump_dst -c 'SELECT count(*) FROM jeugdnorm.refresh()' > :'dir'/refresh.log 2>&1; echo $?`
SELECT is(:'rc'::text, '0', 'restored: jeugdnorm.refresh() runs');
\set dst_counts `psql -X -tAq -d jn_dump_dst -c :'counts_sql' 2>&1`
SELECT is(:'dst_counts'::text, :'src_counts'::text, 'restored, after refresh: the same row counts');
\set dst_sum `psql -X -tAq -d jn_dump_dst -c :'checksum_sql' 2>&1`
SELECT is(
    (SELECT coalesce(array_agg(s.line ORDER BY s.line), '{}')
       FROM unnest(string_to_array(:'src_sum', E'\n')) AS s(line)
      WHERE s.line <> ALL (string_to_array(:'dst_sum', E'\n'))),
    '{}'::text[], 'restored, after refresh: no table, view or materialised view differs');
SELECT is(:'dst_sum'::text, :'src_sum'::text, 'restored, after refresh: identical results everywhere');
\set dst_log `psql -X -tAq -d jn_dump_dst -c :'log_sql' 2>&1`
SELECT is(:'dst_log'::text,
          (2 * split_part(:'src_log', ' ', 1)::int) || ' 2 2',
          'restored: refresh_log keeps the source''s run (id 1) and the restored database''s refresh adds run 2 with as many rows');

\set rc `{ dropdb --if-exists jn_dump_src; dropdb --if-exists jn_dump_dst; rm -rf :'dir'; } > /dev/null 2>&1; echo $?`
SELECT * FROM finish();
ROLLBACK;
