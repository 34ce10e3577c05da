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
#   * per refresh, from refresh_log: the seconds of the eight per-client
#     tables (the seven path tables and mv_data_quality_rows, computed in
#     the shards on the cluster since phase 2, 91_distributed_tables.sql),
#     of mv_data_quality_rows alone, and of the rest;
#   * the fills of mv_path_allocations and mv_data_quality_rows in the
#     shards (the co-located INSERT ... SELECT refresh() runs, in a
#     transaction rolled back): EXPLAIN ANALYZE with every task's time
#     (citus.explain_all_tasks), so the division of the work over the
#     shards and workers shows.
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
# the seconds of the last refresh's path steps and of the others (refresh_log)
path_steps() {   # path_steps DB
    jn_psql -d "$1" -At -c "SELECT round(sum(seconds) FILTER (WHERE p), 1) || ' ' || round(sum(seconds) FILTER (WHERE dq), 1)
                                   || ' ' || round(sum(seconds) FILTER (WHERE NOT p), 1)
                              FROM (SELECT l.seconds,
                                           l.materialized_view = 'jeugdnorm_internal.mv_data_quality_rows' AS dq,
                                           l.materialized_view IN (SELECT 'jeugdnorm_internal.' || d.name
                                                                     FROM jeugdnorm_internal.distributed_path_tables() d) AS p
                                      FROM jeugdnorm.refresh_log l
                                     WHERE l.refresh_id = (SELECT max(refresh_id) FROM jeugdnorm.refresh_log)
                                       AND l.step > 0) x"
}
rows=""
for i in $(seq 1 "$runs"); do
    jn_log "run $i/$runs: single node"
    s=$(timed jn_single "SELECT count(*) FROM jeugdnorm.refresh(full => true)")
    sp=$(path_steps jn_single)
    jn_log "run $i/$runs: cluster"
    c=$(timed "$JC_DB" "SELECT count(*) FROM jeugdnorm.refresh(full => true)")
    cp=$(path_steps "$JC_DB")
    n=$(timed "$JC_DB" "SELECT jeugdnorm_internal.distributed_snapshot()")
    read -r sp_p sp_dq _ <<<"$sp"
    read -r cp_p cp_dq _ <<<"$cp"
    rows="$rows| $i | ${s% *} | ${s#* } | $sp_p | $sp_dq | ${c% *} | ${c#* } | $cp_p | $cp_dq | ${n% *} | ${n#* } |"$'\n'
done
# a fill in the shards, as refresh() runs it: EXPLAIN ANALYZE of every
# task (citus.explain_all_tasks), in a transaction rolled back
fill_shape() {   # fill_shape TABLE
    local fill plan tasks task_ms n_exec total_task max_task top_exec by_node
    fill=$(jn_psql -d "$JC_DB" -At -c "SELECT jeugdnorm_internal.distributed_fill_sql('$1')")
    plan=$(jn_psql -d "$JC_DB" -At -c "BEGIN" -c "SET LOCAL citus.explain_all_tasks = on" \
                   -c "DELETE FROM jeugdnorm_internal.$1" \
                   -c "EXPLAIN (ANALYZE, COSTS off, TIMING on, SUMMARY on) $fill" -c "ROLLBACK")
    tasks=$(grep -cE '^\s*->  Task' <<<"$plan" || true)
    # (every task's Execution Time; the plan's last one is the whole query's)
    task_ms=$(grep -E 'Execution Time' <<<"$plan" | head -n -1 | sed -E 's/.*Execution Time: ([0-9.]+) ms.*/\1/' | sort -n)
    n_exec=$(wc -l <<<"$task_ms")
    total_task=$(awk '{s+=$1} END {printf "%.1f", s}' <<<"$task_ms")
    max_task=$(tail -1 <<<"$task_ms")
    top_exec=$(grep -E 'Execution Time' <<<"$plan" | tail -1 | sed -E 's/.*Execution Time: ([0-9.]+) ms.*/\1/')
    by_node=$(grep -E 'Node: host=' <<<"$plan" | sed -E 's/.*port=([0-9]+).*/\1/' | sort | uniq -c | awk '{printf "%s tasks on port %s; ", $1, $2}')
    echo "The fill of $1 in the shards (EXPLAIN ANALYZE of the co-located INSERT ... SELECT,"
    echo "citus.explain_all_tasks): $tasks tasks; ${by_node}per-task execution times summed ${total_task} ms"
    echo "(longest ${max_task} ms over $n_exec tasks), whole statement ${top_exec} ms."
}
shape_pa=$(fill_shape mv_path_allocations)
shape_dq=$(fill_shape mv_data_quality_rows)

{
    echo
    echo "## Citus phase 2: refresh() on a 3-node cluster against one node, the per-client tables in the shards ($(date -u +%Y-%m-%d))"
    echo
    echo "make bench-citus BENCH_SCALE=$scale: demo region seed $seed, scale $scale ($counts), Citus 12.1.12,"
    echo "coordinator and two workers on this one shared 2-core machine, 32 shards. Interleaved runs; wall-clock"
    echo "and the coordinator backend's CPU time (/proc/<pid>/schedstat). The cluster's refresh() includes the"
    echo "snapshot copy of the Citus input tables to the coordinator (for money and the orphan claim lines, still"
    echo "computed there), also shown alone; its eight per-client steps (seven path tables, mv_data_quality_rows)"
    echo "run in the shards and include copying each table back to its coordinator snapshot (doc/citus.md)."
    echo
    echo "| run | single node wall s | single node CPU s | single node per-client steps s | of which data quality s | cluster wall s | cluster coordinator CPU s | cluster per-client steps s | of which data quality s | snapshot copy wall s | snapshot copy CPU s |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s' "$rows"
    echo
    echo "$shape_pa"
    echo
    echo "$shape_dq"
} >"$out"
