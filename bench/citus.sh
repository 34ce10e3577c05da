#!/usr/bin/env bash
# make bench-citus: jeugdnorm on a throwaway 3-node Citus cluster against the
# same data on a single node (doc/citus.md; issue 19).  Prints a markdown
# section for bench/RESULTS.md (to BENCH_OUT when set, else stdout).
#   BENCH_SCALE (default 5), BENCH_SEED (default 42), BENCH_RUNS (default 2)
# Measured, interleaved single node / cluster, BENCH_RUNS times each:
#   * refresh(full => true): wall-clock and the coordinator backend's CPU
#     time (/proc/<pid>/schedstat before and after: the machine is shared,
#     so wall-clock alone says little); on the cluster also the snapshot
#     copy (jeugdnorm_internal.distributed_snapshot()) on its own;
#   * the care paths straight from the distributed input table (care_path()
#     grouped by client_id, the shape phase 2 will run per shard):
#     EXPLAIN ANALYZE with every task's time (citus.explain_all_tasks), so
#     the division of the work over the shards and workers shows.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../test/scripts/citus-cluster.sh"
trap jc_cleanup EXIT
cd "$JN_ROOT"
scale=${BENCH_SCALE:-5}
seed=${BENCH_SEED:-42}
runs=${BENCH_RUNS:-2}
out=${BENCH_OUT:-/dev/stdout}

jc_setup
jc_start
export PGOPTIONS="-c jeugdnorm.progress=off"
jn_psql -d postgres -c "CREATE DATABASE jn_single"
jn_psql -d jn_single -c "CREATE EXTENSION jeugdnorm"
jn_psql -d jn_single -f test/generator/demo_region.sql
jn_log "generating scale $scale"
jn_psql -d jn_single -c "SELECT * FROM jeugdnorm_demo.generate($seed, $scale)" >/dev/null
jn_psql -d "$JC_DB" -c "CREATE EXTENSION jeugdnorm" -c "SELECT count(*) FROM jeugdnorm.distribute()" >/dev/null
for t in aanbieder product norm contract product_mapping wijk indexatie gemeente_jaar capaciteit \
         budgetplafond staffel toewijzing declaratie verzoek; do
    jn_psql -d jn_single -c "\\copy jeugdnorm.$t TO '$JN_TMP/$t.copy'"
    jn_psql -d "$JC_DB" -c "\\copy jeugdnorm.$t FROM '$JN_TMP/$t.copy'"
done
jn_psql -d jn_single -At -c "SELECT format('UPDATE jeugdnorm.settings SET window_start = %L, peildatum = %L', window_start, peildatum)
                               FROM jeugdnorm.settings" | jn_psql -d "$JC_DB" >/dev/null
counts=$(jn_psql -d "$JC_DB" -At -c "SELECT (SELECT count(*) FROM jeugdnorm.toewijzing) || ' allocations, '
                                          || (SELECT count(*) FROM jeugdnorm.declaratie) || ' claim lines, '
                                          || (SELECT count(*) FROM jeugdnorm.verzoek) || ' requests'")

# one timed call in a fresh session: wall seconds and backend CPU seconds
timed() {   # timed DB SQL
    "$JN_BIN/psql" -X -At -d "$1" -v ON_ERROR_STOP=1 <<SQL | tail -1
SELECT pg_backend_pid() AS pid \gset
\o /dev/null
SELECT pg_read_file('/proc/' || :pid || '/schedstat') AS cpu0, clock_timestamp() AS t0 \gset
$2;
SELECT pg_read_file('/proc/' || :pid || '/schedstat') AS cpu1 \gset
\o
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1) || ' ' ||
       round(((split_part(:'cpu1', ' ', 1)::numeric - split_part(:'cpu0', ' ', 1)::numeric) / 1e9), 1);
SQL
}
rows=""
for i in $(seq 1 "$runs"); do
    jn_log "run $i/$runs: single node"
    s=$(timed jn_single "SELECT count(*) FROM jeugdnorm.refresh(full => true)")
    jn_log "run $i/$runs: cluster"
    c=$(timed "$JC_DB" "SELECT count(*) FROM jeugdnorm.refresh(full => true)")
    n=$(timed "$JC_DB" "SELECT jeugdnorm_internal.distributed_snapshot()")
    rows="$rows| $i | ${s% *} | ${s#* } | ${c% *} | ${c#* } | ${n% *} | ${n#* } |"$'\n'
done
# (cardinality(): Citus 12.1's EXPLAIN ANALYZE fails on a result column of
# type care_path[] -- "malformed array literal" -- while the query itself runs)
plan=$(jn_psql -d "$JC_DB" -At -c "SET citus.explain_all_tasks = on" -c "EXPLAIN (ANALYZE, COSTS off, TIMING on, SUMMARY on)
        SELECT client_id, aanbieder, coalesce(productcode, productcategorie) AS product,
               cardinality(jeugdnorm.care_path(ingangsdatum, einddatum, coalesce(productcode, productcategorie)))
          FROM jeugdnorm.toewijzing GROUP BY 1, 2, 3")
tasks=$(grep -cE '^\s*->  Task' <<<"$plan" || true)
# (every task's Execution Time; the plan's last one is the whole query's)
task_ms=$(grep -E 'Execution Time' <<<"$plan" | head -n -1 | sed -E 's/.*Execution Time: ([0-9.]+) ms.*/\1/' | sort -n)
n_exec=$(wc -l <<<"$task_ms")
total_task=$(awk '{s+=$1} END {printf "%.1f", s}' <<<"$task_ms")
max_task=$(tail -1 <<<"$task_ms")
top_exec=$(grep -E 'Execution Time' <<<"$plan" | tail -1 | sed -E 's/.*Execution Time: ([0-9.]+) ms.*/\1/')
by_node=$(grep -E 'Node: host=' <<<"$plan" | sed -E 's/.*port=([0-9]+).*/\1/' | sort | uniq -c | awk '{printf "%s tasks on port %s; ", $1, $2}')

{
    echo
    echo "## Citus phase 1: refresh() on a 3-node cluster against one node (branch citus, $(date -u +%Y-%m-%d))"
    echo
    echo "make bench-citus BENCH_SCALE=$scale: demo region seed $seed, scale $scale ($counts), Citus 12.1.12,"
    echo "coordinator and two workers on this one shared 2-core machine, 32 shards. Interleaved runs; wall-clock"
    echo "and the coordinator backend's CPU time (/proc/<pid>/schedstat). The cluster's refresh() includes the"
    echo "snapshot copy of the Citus tables to the coordinator (phase 1, doc/citus.md), also shown alone."
    echo
    echo "| run | single node wall s | single node CPU s | cluster wall s | cluster CPU s | snapshot copy wall s | snapshot copy CPU s |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s' "$rows"
    echo
    echo "care_path() grouped by client_id straight from the distributed jeugdnorm.toewijzing (EXPLAIN ANALYZE of"
    echo "cardinality(care_path(...)): Citus 12.1's EXPLAIN ANALYZE fails on a care_path[] column,"
    echo "citus.explain_all_tasks): $tasks tasks; ${by_node}per-task execution times summed ${total_task} ms"
    echo "(longest ${max_task} ms over $n_exec tasks), whole query ${top_exec} ms."
} >"$out"
