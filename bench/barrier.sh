#!/usr/bin/env bash
# make bench-barrier: what security_barrier costs the reader views (issue 14,
# part 1).  A small, fast step of its own (a few minutes at scale 2), on a
# throwaway cluster; not part of `make test` or `make bench`.
#
# The views of schema jeugdnorm are security barriers
# (src/sql/99_security_barrier.sql): the planner pushes a caller's condition
# into the view only when its operators are leakproof (=, <, BETWEEN on text,
# date, integer, boolean), not e.g. a numeric comparison, LIKE or extract().
# This times the typical filtered BI queries of bench/sql/barrier_queries.sql
# with the option on and off in the same run, as a reader of one gemeente
# and as a reader of every gemeente ('*'), and prints a markdown table.
#
#   BENCH_SCALE     demo-generator scale (default 2: ~50,000 allocations,
#                   ~540,000 claim lines, 7 gemeenten)
#   BENCH_SEED      generator seed (default 42)
#   BENCH_RUNS      timed runs per query and variant (default 3; the median
#                   counts); run 0 is an untimed warm-up
#   BENCH_GEMEENTE  the one-gemeente reader's gemeente (default 0983, the
#                   largest of the demo region)
#   BENCH_OUT       also write the table to this file (default: stdout only)
#   JN_KEEP=1       keep the temp dir (raw timings, plans)
#
# Method.  Per run, the two variants are interleaved (off, on; the next run
# on, off), each in a fresh connection per reader; the option is switched
# with ALTER VIEW ... SET / RESET (security_barrier) on every view of schema
# jeugdnorm.  Before each timed query its EXPLAIN is run untimed in the same
# connection, so catalogue caches are warm and the time is planning plus
# execution.  Every query returns (count, checksum of the rows) and the two
# variants must agree, or the run aborts.  "filter above the view" says
# whether EXPLAIN with the barrier shows the condition on a Subquery Scan of
# the view (not pushed down) instead of inside it.
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)

BENCH_SCALE=${BENCH_SCALE:-2}
BENCH_SEED=${BENCH_SEED:-42}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_GEMEENTE=${BENCH_GEMEENTE:-0983}
BENCH_OUT=${BENCH_OUT:-}

settings=(
    "shared_buffers = '1GB'"
    "work_mem = '64MB'"
    "hash_mem_multiplier = 2.0"
    "maintenance_work_mem = '512MB'"
    "effective_cache_size = '4GB'"
    "random_page_cost = 1.1"
    "max_wal_size = '8GB'"
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
work=$JN_TMP/barrier
mkdir -p "$work/q" "$work/plans"
chmod -R 777 "$work"
db=jn_barrier
started=$(date -u '+%Y-%m-%d %H:%M UTC')

jn_log "generating the demo region: seed $BENCH_SEED, scale $BENCH_SCALE"
jn_psql -d postgres -c "CREATE DATABASE $db"
jn_psql -d "$db" -c "CREATE EXTENSION jeugdnorm"
jn_psql -d "$db" -f test/generator/demo_region.sql
jn_psql -d "$db" -o /dev/null -c "SELECT * FROM jeugdnorm_demo.generate($BENCH_SEED, $BENCH_SCALE)"
jn_psql -d "$db" -c "VACUUM ANALYZE"
jn_psql -d "$db" -o /dev/null -c "SELECT * FROM jeugdnorm.refresh()" -c "SELECT jeugdnorm.create_roles()"
jn_psql -d "$db" <<EOF
CREATE ROLE jn_barrier_one NOLOGIN IN ROLE jeugdnorm_reader;
CREATE ROLE jn_barrier_all NOLOGIN IN ROLE jeugdnorm_reader;
INSERT INTO jeugdnorm.access (role_name, gemeente) VALUES ('jn_barrier_one', '$BENCH_GEMEENTE'), ('jn_barrier_all', '*');
EOF
allocations=$(jn_psql -d "$db" -Atc "SELECT count(*) FROM jeugdnorm.toewijzing")
claim_lines=$(jn_psql -d "$db" -Atc "SELECT count(*) FROM jeugdnorm.declaratie")
gem_allocations=$(jn_psql -d "$db" -Atc "SELECT count(*) FROM jeugdnorm.toewijzing WHERE gemeente = '$BENCH_GEMEENTE'")

# the queries: $work/q/NN (the SQL), names and kinds in $work/q/list
awk -v dir="$work/q" '
    /^-- name: / { sub(/^-- name: /, ""); i++; name = $0; getline q;
                   f = sprintf("%s/%02d", dir, i); print q > f; close(f);
                   printf "%02d\t%s\n", i, name > (dir "/list") }' bench/sql/barrier_queries.sql

barrier() {   # on | off
    jn_psql -d "$db" -o /dev/null -v sb="$1" <<'EOF'
SELECT set_config('jn.sb', :'sb', false);
DO $$
DECLARE v regclass;
BEGIN
    FOR v IN SELECT c.oid::regclass FROM pg_class c
              WHERE c.relnamespace = 'jeugdnorm'::regnamespace AND c.relkind = 'v' LOOP
        IF current_setting('jn.sb') = 'on' THEN
            EXECUTE format('ALTER VIEW %s SET (security_barrier = true)', v);
        ELSE
            EXECUTE format('ALTER VIEW %s RESET (security_barrier)', v);
        END IF;
    END LOOP;
END $$;
EOF
}

# one connection per (run, variant, reader): every query, EXPLAIN then timed
session() {   # run variant reader
    local run=$1 variant=$2 reader=$3 drv=$work/drv.sql i
    {
        echo "SET ROLE jn_barrier_$reader;"
        echo "\\set gem '$BENCH_GEMEENTE'"
        while IFS=$'\t' read -r i _; do
            echo "\\o /dev/null"
            echo "EXPLAIN $(cat "$work/q/$i");"
            echo "\\o"
            echo "\\timing on"
            echo "SELECT 'R', '$i', count(*), coalesce(sum(hashtext(t::text)), 0) FROM ($(cat "$work/q/$i")) t;"
            echo "\\timing off"
        done <"$work/q/list"
    } >"$drv"
    jn_psql -d "$db" -At -F ' ' -f "$drv" |
        awk -v run="$run" -v variant="$variant" -v reader="$reader" '
            $1 == "R" { q = $2; n = $3; s = $4 }
            /^Time: / { print run, variant, reader, q, n, s, $2 }' >>"$work/timings.txt"
}

: >"$work/timings.txt"
for run in $(seq 0 "$BENCH_RUNS"); do
    if [ $((run % 2)) -eq 0 ]; then order="off on"; else order="on off"; fi
    for variant in $order; do
        jn_log "run $run: security_barrier $variant"
        barrier "$variant"
        for reader in one all; do session "$run" "$variant" "$reader"; done
    done
done

# the same answers with and without the barrier, in every run
bad=$(awk '{ k = $1 " " $3 " " $4; v = $5 " " $6; if ((k in seen) && seen[k] != v) print k; seen[k] = v }' "$work/timings.txt")
if [ -n "$bad" ]; then
    echo "bench-barrier: answers differ with and without security_barrier: $bad" >&2
    exit 1
fi

# plans with the barrier on and off (reader of one gemeente)
for variant in off on; do
    barrier "$variant"
    while IFS=$'\t' read -r i _; do
        printf "SET ROLE jn_barrier_one;\n\\\\set gem '%s'\nEXPLAIN (COSTS OFF) %s;\n" "$BENCH_GEMEENTE" "$(cat "$work/q/$i")" |
            jn_psql -d "$db" -At >"$work/plans/$i.$variant.txt"
    done <"$work/q/list"
done
barrier on
: >"$work/above.txt"
while IFS=$'\t' read -r i _; do
    view=$(sed -n 's/.*FROM jeugdnorm\.\([a-z_]*\).*/\1/p' "$work/q/$i")
    if grep -A1 -E "Subquery Scan on $view( |$)" "$work/plans/$i.on.txt" | grep -q 'Filter:'; then above=yes; else above=no; fi
    if diff -q <(sed -E 's/\b[a-z_0-9]+\.//g' "$work/plans/$i.off.txt") \
               <(sed -E 's/\b[a-z_0-9]+\.//g' "$work/plans/$i.on.txt") >/dev/null; then same=same; else same=differs; fi
    printf '%s %s %s\n' "$i" "$above" "$same" >>"$work/above.txt"
done <"$work/q/list"

# the report, computed in SQL
jn_psql -d postgres <<EOF
CREATE TABLE barrier_run (run int, variant text, reader text, q text, n bigint, checksum bigint, ms numeric);
CREATE TABLE barrier_query (q text, name text);
CREATE TABLE barrier_plan (q text, above text, same text);
\copy barrier_run FROM '$work/timings.txt' WITH (DELIMITER ' ')
\copy barrier_query FROM '$work/q/list'
\copy barrier_plan FROM '$work/above.txt' WITH (DELIMITER ' ')
DELETE FROM barrier_run WHERE run = 0;
EOF
report() {
    cat <<EOF
Run of $started, $(nproc) cores shared with the rest of the machine, built from
commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown).  Demo region seed $BENCH_SEED, scale
$BENCH_SCALE: $allocations allocations ($gem_allocations in gemeente $BENCH_GEMEENTE), $claim_lines claim lines.
\`make bench-barrier BENCH_SCALE=$BENCH_SCALE\` (bench/barrier.sh, queries in
bench/sql/barrier_queries.sql).  Median of $BENCH_RUNS runs per variant, ms
(planning + execution, client side); "on/off" = ratio of the medians.
"one" = reader of gemeente $BENCH_GEMEENTE, "all" = reader of '*'.

EOF
    jn_psql -d postgres -At -F ' | ' <<'EOF'
SELECT '| query | filter | rows one / all | one: off ms | one: on ms | one: on/off | all: off ms | all: on ms | all: on/off | filter above the view (on) | plan |';
SELECT '|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|';
CREATE TEMP VIEW p AS
WITH m AS (
    SELECT q, reader, variant, max(n) AS n,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::numeric AS med
      FROM barrier_run GROUP BY 1, 2, 3)
SELECT q.q, split_part(q.name, ': ', 1) AS name, split_part(q.name, ': ', 2) AS kind, b.above, b.same,
       max(m.n) FILTER (WHERE reader = 'one') AS n_one, max(m.n) FILTER (WHERE reader = 'all') AS n_all,
       max(med) FILTER (WHERE reader = 'one' AND variant = 'off') AS one_off,
       max(med) FILTER (WHERE reader = 'one' AND variant = 'on') AS one_on,
       max(med) FILTER (WHERE reader = 'all' AND variant = 'off') AS all_off,
       max(med) FILTER (WHERE reader = 'all' AND variant = 'on') AS all_on
  FROM barrier_query q JOIN m USING (q) JOIN barrier_plan b USING (q) GROUP BY 1, 2, 3, 4, 5;
SELECT '| ' || name, kind, n_one || ' / ' || n_all,
       round(one_off, 1), round(one_on, 1), round(one_on / one_off, 2),
       round(all_off, 1), round(all_on, 1), round(all_on / all_off, 2),
       above, same || ' |'
  FROM p ORDER BY q;
SELECT '';
SELECT 'Geometric mean of on/off, ' || count(*) || ' queries whose plan '
       || CASE same WHEN 'same' THEN 'is the same with and without the barrier' ELSE 'differs' END
       || ': reader of one gemeente ' || round(exp(avg(ln(one_on / one_off))), 2)
       || ', reader of every gemeente ' || round(exp(avg(ln(all_on / all_off))), 2) || '.'
  FROM p GROUP BY same ORDER BY same DESC;
EOF
}
if [ -n "$BENCH_OUT" ]; then report | tee "$BENCH_OUT"; else report; fi
jn_log "done"
