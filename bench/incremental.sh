#!/usr/bin/env bash
# make bench-incremental: incremental refresh (issue 16, part 1) against a
# full refresh, on a throwaway cluster with the bench's server settings.
# Not part of `make test`; prints a Markdown section for bench/RESULTS.md.
#
#   BENCH_SCALE  demo-generator scale (default 2; the machine is shared:
#                keep it at 2-5 unless told otherwise)
#   BENCH_SEED   generator seed (default 42)
#   BENCH_LOADS  timed loads of the last month with and without change
#                capture, interleaved (default 3; the median counts)
#
# Steps (one database):
#   1. the demo region, minus its last month (allocations starting,
#      claim lines beginning and requests received in December 2025, kept
#      aside in stage tables), then refresh(full => true): the full time;
#   2. the last month loaded (INSERT ... SELECT from the stage tables: one
#      statement per table, as the loaders do), then refresh(): the
#      incremental time, the ratio, the clients and rows recomputed; then
#      every view of schema jeugdnorm that depends on the refresh is
#      compared (row count and md5 of its ordered rows) with a full
#      recompute: the bench aborts on a difference;
#   3. the same after an UPDATE of 1 % of the allocations (einddatum + 30
#      days) and after a DELETE of 100 clients' allocations and claim lines;
#   4. change-capture overhead: the last month deleted and loaded again
#      BENCH_LOADS times with the capture triggers enabled and disabled
#      (interleaved), median load times compared.
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
BENCH_SCALE=${BENCH_SCALE:-2}
BENCH_SEED=${BENCH_SEED:-42}
BENCH_LOADS=${BENCH_LOADS:-3}

settings=(
    "shared_buffers = '2GB'"
    "work_mem = '64MB'"
    "hash_mem_multiplier = 2.0"
    "maintenance_work_mem = '512MB'"
    "effective_cache_size = '8GB'"
    "random_page_cost = 1.1"
    "max_worker_processes = 8"
    "max_parallel_workers = 4"
    "max_parallel_workers_per_gather = 2"
    "max_parallel_maintenance_workers = 2"
    "max_wal_size = '16GB'"
    "checkpoint_timeout = '30min'"
    "wal_level = minimal"
    "max_wal_senders = 0"
    "jit = off"
    "autovacuum = off"
)

bash "$root/test/scripts/install-deps.sh"
# shellcheck source=../test/scripts/cluster.sh
source "$root/test/scripts/cluster.sh"
trap jn_cleanup EXIT
cd "$root"
jn_setup
jn_start "${settings[@]}"
export PGOPTIONS="-c jeugdnorm.progress=off"
db=jn_incr_bench
q() { jn_psql -d "$db" -At "$@"; }
jn_psql -d postgres -c "CREATE DATABASE $db"
q -c "CREATE EXTENSION jeugdnorm"
q -f test/generator/demo_region.sql >/dev/null
jn_log "generating: seed $BENCH_SEED, scale $BENCH_SCALE"
q -c "SELECT * FROM jeugdnorm_demo.generate($BENCH_SEED, $BENCH_SCALE)" >/dev/null

q <<'EOF'
CREATE SCHEMA bench;
-- the last month, kept aside
CREATE TABLE bench.stage_toewijzing AS SELECT * FROM jeugdnorm.toewijzing WHERE ingangsdatum >= date '2025-12-01';
CREATE TABLE bench.stage_declaratie AS SELECT * FROM jeugdnorm.declaratie WHERE begindatum >= date '2025-12-01';
CREATE TABLE bench.stage_verzoek AS SELECT * FROM jeugdnorm.verzoek WHERE ontvangen >= date '2025-12-01';
DELETE FROM jeugdnorm.declaratie WHERE begindatum >= date '2025-12-01';
DELETE FROM jeugdnorm.toewijzing WHERE ingangsdatum >= date '2025-12-01';
DELETE FROM jeugdnorm.verzoek WHERE ontvangen >= date '2025-12-01';
VACUUM ANALYZE;
-- jn_snapshot(): the views that depend on the refresh, as in the test
SET search_path = bench, public;
\i test/lib/refresh_snapshot.sql
RESET search_path;
CREATE TABLE bench.result (step text, mode text, seconds numeric, clients bigint, rows_recomputed bigint,
                           rows_total bigint, equal boolean);
CREATE TABLE bench.load (run int, capture boolean, seconds numeric);
-- refresh() with the rows its per-client steps wrote, in one transaction
CREATE FUNCTION bench.refresh(p_step text, full_refresh boolean) RETURNS void
LANGUAGE plpgsql AS $f$
DECLARE
    ins bigint;
BEGIN
    PERFORM count(*) FROM jeugdnorm.refresh(full => full_refresh);
    SELECT sum(pg_stat_get_xact_tuples_inserted(c.oid)) INTO ins
      FROM pg_class c JOIN jeugdnorm_internal.refresh_registry g ON g.materialized_view = c.relname
     WHERE c.relnamespace = 'jeugdnorm_internal'::regnamespace AND c.relkind = 'r';
    INSERT INTO bench.result (step, mode, seconds, clients, rows_recomputed, rows_total)
    SELECT p_step, l.mode, l.seconds, l.clients, ins, NULL
      FROM jeugdnorm.refresh_log l WHERE l.step = 0 ORDER BY l.refresh_id DESC LIMIT 1;
    UPDATE bench.result r
       SET rows_total = (SELECT sum(c.reltuples)::bigint FROM pg_class c
                           JOIN jeugdnorm_internal.refresh_registry g ON g.materialized_view = c.relname
                          WHERE c.relnamespace = 'jeugdnorm_internal'::regnamespace AND c.relkind = 'r')
     WHERE r.step = p_step;
END $f$;
-- after an incremental step: every view against a full recompute
CREATE FUNCTION bench.check(p_step text) RETURNS boolean
LANGUAGE plpgsql AS $f$
DECLARE
    diff text;
BEGIN
    CREATE TEMP TABLE snap_incremental AS SELECT * FROM bench.jn_snapshot();
    PERFORM bench.refresh(p_step || ' (full recompute)', true);
    SELECT string_agg(coalesce(a.view_name, b.view_name), ', ') INTO diff
      FROM snap_incremental a FULL JOIN bench.jn_snapshot() b ON a.view_name = b.view_name
     WHERE a.digest IS DISTINCT FROM b.digest OR a.rows IS DISTINCT FROM b.rows;
    DROP TABLE snap_incremental;
    UPDATE bench.result r SET equal = diff IS NULL WHERE r.step = p_step;
    IF diff IS NOT NULL THEN
        RAISE EXCEPTION 'bench: after "%" these views differ from a full recompute: %', p_step, diff;
    END IF;
    RETURN true;
END $f$;
EOF

jn_log "full refresh (the region minus its last month)"
q -c "SELECT bench.refresh('full refresh, region minus its last month', true)" >/dev/null
q -c "SELECT bench.refresh('full refresh again', true)" >/dev/null
q -c "VACUUM ANALYZE" >/dev/null

load() {   # load CAPTURE RUN: the last month in, timed
    local t0 t1
    if [ "$1" = false ]; then
        q -c "ALTER TABLE jeugdnorm.toewijzing DISABLE TRIGGER refresh_capture_insert;
              ALTER TABLE jeugdnorm.declaratie DISABLE TRIGGER refresh_capture_insert;
              ALTER TABLE jeugdnorm.verzoek DISABLE TRIGGER refresh_capture_insert" >/dev/null
    fi
    t0=$(date +%s.%N)
    q -c "BEGIN;
          INSERT INTO jeugdnorm.toewijzing SELECT * FROM bench.stage_toewijzing;
          INSERT INTO jeugdnorm.declaratie SELECT * FROM bench.stage_declaratie;
          INSERT INTO jeugdnorm.verzoek SELECT * FROM bench.stage_verzoek;
          COMMIT" >/dev/null
    t1=$(date +%s.%N)
    q -c "INSERT INTO bench.load VALUES ($2, $1, $t1 - $t0)" >/dev/null
    q -c "ALTER TABLE jeugdnorm.toewijzing ENABLE TRIGGER refresh_capture_insert;
          ALTER TABLE jeugdnorm.declaratie ENABLE TRIGGER refresh_capture_insert;
          ALTER TABLE jeugdnorm.verzoek ENABLE TRIGGER refresh_capture_insert" >/dev/null
}
unload() {
    q -c "DELETE FROM jeugdnorm.declaratie d USING bench.stage_declaratie s WHERE d.declaratie_id = s.declaratie_id;
          DELETE FROM jeugdnorm.toewijzing t USING bench.stage_toewijzing s
           WHERE t.gemeente = s.gemeente AND t.toewijzingnummer = s.toewijzingnummer;
          DELETE FROM jeugdnorm.verzoek v USING bench.stage_verzoek s
           WHERE v.gemeente = s.gemeente AND v.verzoeknummer = s.verzoeknummer" >/dev/null
    q -c "VACUUM jeugdnorm.toewijzing, jeugdnorm.declaratie, jeugdnorm.verzoek" >/dev/null
}

jn_log "load the last month with change capture, incremental refresh"
load true 0
q -c "SELECT bench.refresh('incremental: the last month loaded', false)" >/dev/null
jn_log "check against a full recompute"
q -c "SELECT bench.check('incremental: the last month loaded')" >/dev/null

jn_log "UPDATE of 1 % of the allocations"
q -c "UPDATE jeugdnorm.toewijzing SET einddatum = einddatum + 30
       WHERE einddatum IS NOT NULL AND hashtext(gemeente || toewijzingnummer) % 100 = 0" >/dev/null
q -c "SELECT bench.refresh('incremental: UPDATE einddatum of 1 % of the allocations', false)" >/dev/null
q -c "SELECT bench.check('incremental: UPDATE einddatum of 1 % of the allocations')" >/dev/null

jn_log "DELETE of 100 clients"
q -c "CREATE TABLE bench.gone AS SELECT DISTINCT client_id FROM jeugdnorm.toewijzing WHERE client_id IS NOT NULL
       ORDER BY client_id LIMIT 100;
      DELETE FROM jeugdnorm.declaratie d USING jeugdnorm.toewijzing t, bench.gone g
       WHERE t.client_id = g.client_id AND d.gemeente = t.gemeente AND d.toewijzingnummer = t.toewijzingnummer;
      DELETE FROM jeugdnorm.toewijzing t USING bench.gone g WHERE t.client_id = g.client_id" >/dev/null
q -c "SELECT bench.refresh('incremental: DELETE of 100 clients'' allocations and claim lines', false)" >/dev/null
q -c "SELECT bench.check('incremental: DELETE of 100 clients'' allocations and claim lines')" >/dev/null

jn_log "change-capture overhead on the load ($BENCH_LOADS runs each)"
for i in $(seq 1 "$BENCH_LOADS"); do
    unload; load false "$i"
    unload; load true "$i"
done

q -P footer=off -A -F ' | ' <<EOF
SELECT '## Incremental refresh (issue 16, part 1), scale $BENCH_SCALE';
SELECT '';
SELECT format('bench/incremental.sh, %s, commit %s; demo region seed $BENCH_SEED scale $BENCH_SCALE: %s allocations, %s claim lines; the last month (December 2025): %s allocations, %s claim lines, %s requests. Server settings as make bench; 2 cores shared with other sessions.',
              to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), '$(git -C "$root" rev-parse --short HEAD)',
              (SELECT count(*) FROM jeugdnorm.toewijzing), (SELECT count(*) FROM jeugdnorm.declaratie),
              (SELECT count(*) FROM bench.stage_toewijzing), (SELECT count(*) FROM bench.stage_declaratie),
              (SELECT count(*) FROM bench.stage_verzoek));
SELECT '';
SELECT '| step | mode | seconds | clients | rows recomputed (per-client tables) | rows in the per-client tables (pg_class.reltuples) | equal to a full recompute |';
SELECT '|---|---|---:|---:|---:|---:|---|';
SELECT format('| %s | %s | %s | %s | %s | %s | %s |', step, mode, round(seconds, 2), coalesce(clients::text, ''),
              coalesce(rows_recomputed::text, ''), coalesce(rows_total::text, ''),
              CASE WHEN equal THEN 'yes' WHEN equal IS NULL THEN '' ELSE 'NO' END)
  FROM bench.result ORDER BY ctid;
SELECT '';
SELECT format('Incremental / full (the full refresh again, %s s): last month %s %%, 1 %% update %s %%, 100 clients deleted %s %%.',
              round(f.seconds, 2),
              round(100 * (SELECT seconds FROM bench.result WHERE step LIKE 'incremental: the last month%' AND mode = 'incremental') / f.seconds, 1),
              round(100 * (SELECT seconds FROM bench.result WHERE step LIKE 'incremental: UPDATE%' AND mode = 'incremental') / f.seconds, 1),
              round(100 * (SELECT seconds FROM bench.result WHERE step LIKE 'incremental: DELETE%' AND mode = 'incremental') / f.seconds, 1))
  FROM bench.result f WHERE f.step = 'full refresh again';
SELECT '';
SELECT format('Load of the last month (INSERT ... SELECT per table, one transaction), median of %s: %s s with change capture, %s s without: overhead %s %%.',
              $BENCH_LOADS,
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE capture AND run > 0)::numeric, 3),
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE NOT capture)::numeric, 3),
              round(100 * (percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE capture AND run > 0)
                           / percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE NOT capture) - 1)::numeric, 1))
  FROM bench.load;
SELECT '';
SELECT 'Per step of the incremental refresh after the last month (seconds):';
SELECT '';
SELECT '| view | mode | seconds | rows |';
SELECT '|---|---|---:|---:|';
SELECT format('| %s | %s | %s | %s |', l.materialized_view, l.mode, round(l.seconds, 3), l.rows)
  FROM jeugdnorm.refresh_log l
 WHERE l.refresh_id = (SELECT min(refresh_id) FROM jeugdnorm.refresh_log WHERE step = 0 AND mode = 'incremental')
   AND l.step > 0
 ORDER BY l.step;
EOF
