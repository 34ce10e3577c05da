#!/usr/bin/env bash
# make bench-ijw: load_ijw() speed (DEFINITIONS.md section 11) on a throwaway
# cluster, in prestaties per second, for the two shapes of JW323 traffic:
#   small: many messages of 2 prestaties (a small provider's month),
#   large: a few messages of 5,000 prestaties (a large provider's month).
# BENCH_IJW_SMALL (default 20000 messages) and BENCH_IJW_LARGE (default 8
# messages) set the sizes; BENCH_IJW_RUNS (default 3) the runs per shape
# (the median counts).  Each run: generate the messages
# (bench/sql/ijw_generate.sql), VACUUM ANALYZE, then time
# SELECT * FROM jeugdnorm.load_ijw() alone (parse, pseudonymise, check,
# insert, mark), then empty the tables.  Two clocks: wall time, and the
# CPU time of the backend (utime + stime from /proc/<pid>/stat, read
# before and after) -- on a shared machine the second is the figure "per
# core".  Prints a markdown table.
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
source "$bench_dir/../test/scripts/cluster.sh"
trap jn_cleanup EXIT
cd "$JN_ROOT"
SMALL=${BENCH_IJW_SMALL:-20000}
LARGE=${BENCH_IJW_LARGE:-8}
RUNS=${BENCH_IJW_RUNS:-3}
HZ=$(getconf CLK_TCK)

jn_setup
jn_start
jn_psql -d postgres -c "CREATE DATABASE jn_bench_ijw"
jn_psql -d jn_bench_ijw -c "CREATE EXTENSION jeugdnorm" \
    -c "SELECT jeugdnorm.set_pseudonym_key('bench key bench key bench key bench key')"

run_shape() {   # name n_messages per_message
    local name=$1 n=$2 per=$3 lines=() i out
    for i in $(seq 1 "$RUNS"); do
        jn_psql -d jn_bench_ijw -v first=0 -v n_messages="$n" -v per_message="$per" -f bench/sql/ijw_generate.sql
        jn_psql -d jn_bench_ijw -c "VACUUM ANALYZE jeugdnorm.ijw_bericht"
        # the backend's own CPU ticks (utime + stime) from /proc/self/stat
        out=$(jn_psql -d jn_bench_ijw -At -F' ' <<'SQL'
CREATE TEMP TABLE t AS
SELECT clock_timestamp() AS t0,
       (SELECT split_part(s, ' ', 14)::bigint + split_part(s, ' ', 15)::bigint
          FROM pg_read_file('/proc/self/stat') s) AS c0;
CREATE TEMP TABLE r AS SELECT * FROM jeugdnorm.load_ijw();
SELECT extract(epoch FROM clock_timestamp() - t0)::numeric(10,3),
       (SELECT sum(rows_loaded) FROM r), (SELECT sum(verwerkt) FROM r), (SELECT sum(afgewezen) FROM r),
       (SELECT split_part(s, ' ', 14)::bigint + split_part(s, ' ', 15)::bigint
          FROM pg_read_file('/proc/self/stat') s) - c0
  FROM t;
SQL
)
        local cpu
        cpu=$(echo "$out" | awk -v hz="$HZ" '{ printf "%.2f", $5 / hz }')
        out=$(echo "$out" | cut -d' ' -f1-4)
        jn_log "$name run $i: wall, prestaties, verwerkt, afgewezen = $out; backend CPU $cpu s; load $(cut -d' ' -f1 /proc/loadavg)"
        lines+=("$out $cpu")
        jn_psql -d jn_bench_ijw -c "TRUNCATE jeugdnorm.ijw_bericht, jeugdnorm.declaratie, jeugdnorm.rejected"
    done
    printf '%s\n' "${lines[@]}" | sort -k1,1n | awk -v name="$name" -v n="$n" -v per="$per" '
        { wall[NR] = $1; rows = $2; ok = $3; bad = $4; cpu[NR] = $5 }
        END { m = int((NR + 1) / 2);
              printf "| %s | %d x %d | %d | %d / %d | %.2f s | %.2f s | %.0f | %.0f |\n",
                     name, n, per, rows, ok, bad, wall[m], cpu[m], rows / wall[m], (cpu[m] > 0 ? rows / cpu[m] : 0) }'
}

{
    echo "| shape | messages x prestaties | prestaties loaded | verwerkt / afgewezen | load_ijw() wall (median of $RUNS) | backend CPU | prestaties/s wall | prestaties per CPU-second |"
    echo "|---|---|---|---|---|---|---|---|"
    run_shape small "$SMALL" 2
    run_shape large "$LARGE" 5000
} | tee "${JN_TMP}/ijw_bench.md"
echo "load average at the end: $(cat /proc/loadavg)"
