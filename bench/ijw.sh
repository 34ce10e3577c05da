#!/usr/bin/env bash
# make bench-ijw: load_ijw() speed (DEFINITIONS.md section 11) on a throwaway
# cluster, in prestaties per second, for the two shapes of JW323 traffic:
#   small: many messages of 2 prestaties (a small provider's month),
#   large: a few messages of 5,000 prestaties (a large provider's month).
# BENCH_IJW_SMALL (default 20000 messages) and BENCH_IJW_LARGE (default 10
# messages) set the sizes; BENCH_IJW_RUNS (default 3) the runs per shape
# (the median counts).  Each run: generate the messages, then time
# SELECT * FROM jeugdnorm.load_ijw() alone (parse, pseudonymise, insert,
# mark), then empty the tables.  Prints a markdown table.
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
source "$bench_dir/../test/scripts/cluster.sh"
trap jn_cleanup EXIT
cd "$JN_ROOT"
SMALL=${BENCH_IJW_SMALL:-20000}
LARGE=${BENCH_IJW_LARGE:-10}
RUNS=${BENCH_IJW_RUNS:-3}

jn_setup
jn_start
jn_psql -d postgres -c "CREATE DATABASE jn_bench_ijw"
jn_psql -d jn_bench_ijw -c "CREATE EXTENSION jeugdnorm" \
    -c "SELECT jeugdnorm.set_pseudonym_key('bench key bench key bench key bench key')"

run_shape() {   # name n_messages per_message
    local name=$1 n=$2 per=$3 times=() i
    for i in $(seq 1 "$RUNS"); do
        jn_psql -d jn_bench_ijw -v first=0 -v n_messages="$n" -v per_message="$per" -f bench/sql/ijw_generate.sql
        jn_psql -d jn_bench_ijw -c "VACUUM ANALYZE jeugdnorm.ijw_bericht"
        local out
        out=$(jn_psql -d jn_bench_ijw -At -c "
            CREATE TEMP TABLE t AS SELECT clock_timestamp() AS t0;
            CREATE TEMP TABLE r AS SELECT * FROM jeugdnorm.load_ijw();
            SELECT extract(epoch FROM clock_timestamp() - t0)::numeric(10,3),
                   (SELECT sum(rows_loaded) FROM r), (SELECT sum(verwerkt) FROM r),
                   (SELECT sum(afgewezen) FROM r), pg_size_pretty(
                   (SELECT sum(octet_length(bericht)) FROM jeugdnorm.ijw_bericht)::bigint)
              FROM t")
        jn_log "$name run $i: $out"
        times+=("$out")
        jn_psql -d jn_bench_ijw -c "TRUNCATE jeugdnorm.ijw_bericht, jeugdnorm.declaratie, jeugdnorm.rejected"
    done
    printf '%s\n' "${times[@]}" | sort -t'|' -k1,1n | awk -F'|' -v name="$name" -v n="$n" -v per="$per" -v runs="$RUNS" '
        { t[NR] = $1; rows = $2; ok = $3; bad = $4 }
        END { m = t[int((NR + 1) / 2)];
              printf "| %s | %d x %d | %d | %d / %d | %.2f s (runs: %s) | %.0f |\n",
                     name, n, per, rows, ok, bad, m, runs, rows / m }'
}

{
    echo "| shape | messages x prestaties | prestaties loaded | verwerkt / afgewezen | load_ijw() median | prestaties/s |"
    echo "|---|---|---|---|---|---|"
    run_shape small "$SMALL" 2
    run_shape large "$LARGE" 5000
} | tee "${JN_TMP}/ijw_bench.md"
