#!/usr/bin/env bash
# make bench: speed and memory of jeugdnorm against plain SQL, on a throwaway
# cluster, written to bench/RESULTS.md.  Not part of `make test`; no test
# depends on a time.
#
#   BENCH_SCALE       demo-generator scale of the main data set (default 20 =
#                     big city: ~500,000 allocations, ~6-10M claim lines;
#                     1 = region, 400 = national scale over five years)
#   BENCH_SEED        generator seed (default 42)
#   BENCH_RUNS        timed runs per query (default 3; the median counts)
#   BENCH_MEM_SCALES  the two scales of the memory test (default "0.5 5":
#                     the second 10x the first; "" skips the test)
#   BENCH_OUT         where the report goes (default bench/RESULTS.md)
#   BENCH_PERF        1 (default when perf is installed): profile one run of
#                     the care_path query and one refresh() with perf record
#   BENCH_REFRESH_TIMEOUT  seconds one jeugdnorm.refresh() call may take
#                     (default 900): a call that takes longer is cancelled
#                     (statement_timeout), the report says so, and the other
#                     refresh runs and the refresh profile are skipped, so a
#                     view with a runaway plan cannot stall the benchmark
#   BENCH_MEASURES    which parts to run (default all: "care_path follow_up
#                     realisation refresh perf load memory")
#   BENCH_LOAD_RUNS   timed runs per variant of the load measure (default
#                     BENCH_RUNS; see "change capture" below)
#   JN_KEEP=1         keep the temp dir (data, plans, perf.data, raw results)
#
# Per measured query: one untimed warm-up run, then BENCH_RUNS runs, each in
# a fresh connection, interleaved between the variants of a pair so the
# shared machine's noise hits both alike.  Every run returns (count,
# checksum) of the full output; a pair whose answers differ aborts the run.
# The checksum is sum(hash_record(row(every output column))): the same proof
# as sum(hashtext(concat_ws(...))) at about half its cost (no date-to-text
# conversions), so the checksum does not swamp what is measured.
# Peak memory of the backend: VmHWM and the peak of RssAnon sampled every
# 20 ms from /proc/<backend pid>/status (bench/memwatch.sh).  Parallel query:
# one extra EXPLAIN (ANALYZE, BUFFERS) run per variant; "yes" when it
# launched workers.
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench_dir/.." && pwd)

BENCH_SCALE=${BENCH_SCALE:-20}
BENCH_SEED=${BENCH_SEED:-42}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_MEM_SCALES=${BENCH_MEM_SCALES-0.5 5}
BENCH_OUT=${BENCH_OUT:-$bench_dir/RESULTS.md}
BENCH_REFRESH_TIMEOUT=${BENCH_REFRESH_TIMEOUT:-900}
BENCH_MEASURES=${BENCH_MEASURES:-care_path follow_up realisation refresh perf load memory}
BENCH_LOAD_RUNS=${BENCH_LOAD_RUNS:-$BENCH_RUNS}
want() { case " $BENCH_MEASURES " in *" $1 "*) return 0 ;; esac; return 1; }
if [ -z "${BENCH_PERF:-}" ]; then
    if command -v perf >/dev/null; then BENCH_PERF=1; else BENCH_PERF=0; fi
fi

# The server settings of the benchmark cluster (on top of cluster.sh's
# fsync=off, no TCP, max_parallel_workers_per_gather = 2).
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
    "track_io_timing = on"
    "autovacuum = off"
)

bash "$root/test/scripts/install-deps.sh"
# shellcheck source=../test/scripts/cluster.sh
source "$root/test/scripts/cluster.sh"
trap jn_cleanup EXIT
cd "$root"
[ -f test/generator/demo_region.sql ] || { echo "bench: test/generator/demo_region.sql is missing" >&2; exit 1; }

jn_setup
jn_start "${settings[@]}"
work=$JN_TMP/bench
mkdir -p "$work"
chmod 777 "$work"
started=$(date -u '+%Y-%m-%d %H:%M UTC')

meta() { jn_psql -d jn_bench "$@"; }
jn_psql -d postgres -c "CREATE DATABASE jn_bench"
meta <<'EOF'
CREATE TABLE run (
    measure text, variant text, db text, scale numeric, run int,
    seconds numeric, out_rows bigint, checksum bigint,
    anon_kb bigint, hwm_kb bigint, shm_kb bigint);
CREATE TABLE plan (measure text, variant text, db text, parallel text, workers int, agg text);
CREATE TABLE info (db text, key text, value text);
CREATE TABLE refresh_view (id serial, run int, mv text, conc text, seconds numeric);
CREATE TABLE load_run (data text, variant text, run int, seconds numeric, cpu numeric);
EOF

now() { date +%s.%N; }
secs_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
info() { meta -c "INSERT INTO info VALUES ('$1', '$2', \$v\$$3\$v\$)"; }

# gen DB SCALE: a database with the demo region at SCALE, analysed, plus the
# bench.* tables the pairs read.
gen() {
    local db=$1 scale=$2 t
    jn_log "generating $db: seed $BENCH_SEED, scale $scale"
    jn_psql -d postgres -c "CREATE DATABASE $db"
    jn_psql -d "$db" -c "CREATE EXTENSION jeugdnorm"
    jn_psql -d "$db" -f test/generator/demo_region.sql
    t=$(now)
    jn_psql -d "$db" -P pager=off -c "SELECT * FROM jeugdnorm_demo.generate($BENCH_SEED, $scale)" >"$work/$db.generate.txt"
    info "$db" generate_seconds "$(secs_since "$t")"
    t=$(now)
    jn_psql -d "$db" -c "VACUUM ANALYZE"
    info "$db" vacuum_analyze_seconds "$(secs_since "$t")"
    t=$(now)
    jn_psql -d "$db" -f bench/sql/prepare.sql
    info "$db" prepare_seconds "$(secs_since "$t")"
    info "$db" allocations "$(jn_psql -d "$db" -Atc 'SELECT count(*) FROM jeugdnorm.toewijzing')"
    info "$db" claim_lines "$(jn_psql -d "$db" -Atc 'SELECT count(*) FROM jeugdnorm.declaratie')"
    info "$db" kept_allocations "$(jn_psql -d "$db" -Atc 'SELECT count(*) FROM bench.alloc')"
    info "$db" kept_claim_lines "$(jn_psql -d "$db" -Atc 'SELECT count(*) FROM bench.claim')"
    info "$db" database_size "$(jn_psql -d "$db" -Atc 'SELECT pg_size_pretty(pg_database_size(current_database()))')"
    # care_path()'s label rule skips NULL labels; the plain-SQL side uses a
    # plain lag(), which is the same rule only without NULL labels.
    if [ "$(jn_psql -d "$db" -Atc 'SELECT count(*) FROM bench.alloc WHERE label IS NULL')" != 0 ]; then
        echo "bench: NULL labels in bench.alloc; care_path_sql.sql would not be the same query" >&2
        exit 1
    fi
}

# The parameters every query reads, from the settings of the data set.
query_vars() {
    local db=$1
    jn_psql -d "$db" -At -F ' ' -c "
        SELECT coalesce(s.path_gap_days, 90), coalesce(s.extension_days, 90), coalesce(s.recidive_days, 365),
               greatest(make_date(y, 1, 1), s.window_start), least(make_date(y, 12, 31), s.peildatum)
        FROM jeugdnorm_internal.settings s,
             LATERAL (SELECT extract(year FROM s.peildatum)::int - 1 AS y) y"
}

# measured DB MEASURE VARIANT RUN SQLFILE [PGOPTIONS] [PERFDATA]: one run
# in a fresh connection; records seconds, (count, checksum), memory.
measured() {
    local db=$1 measure=$2 variant=$3 run=$4 sqlf=$5 opts=${6:-} perfdata=${7:-} hz=${8:-997}
    local d=$work/$db.$measure.$variant.$run
    mkdir -p "$d"
    chmod 777 "$d"
    cat >"$d/driver.sql" <<EOF
SELECT pg_backend_pid() AS bpid \gset
\setenv JN_BPID :bpid
\! bash '$bench_dir/memwatch.sh' "\$JN_BPID" '$d/mem' '$d/stop' '$perfdata' '$hz' </dev/null >/dev/null 2>&1 &
SELECT pg_sleep(CASE WHEN '$perfdata' = '' THEN 0.05 ELSE 1.5 END);
\timing on
\i $sqlf
\timing off
\! touch '$d/stop'; while [ ! -s '$d/mem' ]; do sleep 0.02; done
EOF
    PGOPTIONS=$opts jn_psql -d "$db" -At -F ' ' $vars -f "$d/driver.sql" >"$d/out" 2>"$d/err" ||
        { cat "$d/err" >&2; exit 1; }
    local i=0
    while [ ! -s "$d/mem" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
    local rows sum ms anon hwm shm
    read -r rows sum < <(grep -E '^-?[0-9]+ -?[0-9]+$' "$d/out" | tail -1) || true
    ms=$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$d/out" | tail -1)
    read -r anon hwm shm <"$d/mem" || true
    rows=${rows:-NULL} sum=${sum:-NULL} anon=${anon:-NULL} hwm=${hwm:-NULL} shm=${shm:-NULL}
    [ -n "$ms" ] || { echo "bench: no time for $measure/$variant run $run (see $d)" >&2; exit 1; }
    meta -c "INSERT INTO run VALUES ('$measure', '$variant', '$db', $scale, $run, $ms / 1000.0,
                                    $rows, $sum, $anon, $hwm, $shm)"
    echo "$rows $sum"
}

# explained DB MEASURE VARIANT SQLFILE [PGOPTIONS]: EXPLAIN (ANALYZE,
# BUFFERS), kept in $work/plans; parallel = workers launched; agg = the
# grouping node and its memory line.
explained() {
    local db=$1 measure=$2 variant=$3 sqlf=$4 opts=${5:-}
    local p=$work/plans/$db.$measure.$variant.txt
    mkdir -p "$work/plans"
    { echo "EXPLAIN (ANALYZE, BUFFERS)"; grep -v '^ *--' "$sqlf"; } >"$p.sql"
    PGOPTIONS=$opts jn_psql -d "$db" -At $vars -f "$p.sql" >"$p"
    local w par
    w=$(sed -n 's/.*Workers Launched: \([0-9]*\).*/\1/p' "$p" | awk '{ s += $1 } END { print s + 0 }')
    if [ "$w" -gt 0 ]; then par=yes
    elif grep -qE 'Gather|Partial' "$p"; then par="planned, 0 launched"
    else par=no; fi
    local agg
    agg=$(grep -oE '(Hash|Group|Mixed)Aggregate|Batches: .*|Memory Usage: .*' "$p" | head -2 | tr '\n' ' ' | sed 's/ *$//' || true)
    meta -c "INSERT INTO plan VALUES ('$measure', '$variant', '$db', '$par', $w, \$a\$$agg\$a\$)"
}

# sqlfile MEASURE VARIANT: bench/sql/MEASURE_VARIANT.sql; follow_up_idx is
# follow_up on bench.alloc_fu (covering index in the window order, no sort).
sqlfile() {
    if [ "$1" = follow_up_idx ]; then
        mkdir -p "$work/sql"
        sed 's/bench\.alloc\b/bench.alloc_fu/g' "bench/sql/follow_up_$2.sql" >"$work/sql/follow_up_idx_$2.sql"
        echo "$work/sql/follow_up_idx_$2.sql"
    else
        echo "bench/sql/$1_$2.sql"
    fi
}

# pair DB MEASURE VARIANT...: warm-up + equality proof, timed runs, plans.
# Variants "floor" and "aggonly" return counts, not the answer: not compared.
pair() {
    local db=$1 measure=$2
    shift 2
    local v r ref res
    jn_log "$measure on $db: ${*}"
    for r in $(seq 0 "$BENCH_RUNS"); do
        ref=
        for v in "$@"; do
            res=$(measured "$db" "$measure" "$v" "$r" "$(sqlfile "$measure" "$v")")
            case $v in floor | aggonly) continue ;; esac
            if [ -z "$ref" ]; then
                ref=$res
            elif [ "$res" != "$ref" ]; then
                echo "bench: $measure: $v answers ($res) differ from ${1} ($ref) in run $r; timings void" >&2
                exit 1
            fi
        done
        [ "$r" = 0 ] && meta -c "DELETE FROM run WHERE run = 0"
    done
    for v in "$@"; do explained "$db" "$measure" "$v" "$(sqlfile "$measure" "$v")"; done
}

# --- the main data set -----------------------------------------------------
db=jn_s$(echo "$BENCH_SCALE" | tr -c '0-9\n' '_')
scale=$BENCH_SCALE
gen "$db" "$scale"
read -r gap ext rec ws we < <(query_vars "$db")
vars="-v gap=$gap -v ext=$ext -v rec=$rec -v ws=$ws -v we=$we"
info "$db" realisation_window "$ws .. $we"

want care_path && pair "$db" care_path c sql sql_dbcoll sql_strict aggonly floor
want follow_up && pair "$db" follow_up c agg sql sql_dbcoll floor
want follow_up && pair "$db" follow_up_idx c sql floor
want realisation && pair "$db" realisation c sql

# jeugdnorm.refresh(full => true): wall time per run, and seconds per
# materialised view from its own result (materialized_view, concurrently,
# seconds).  Every call is a full recompute (the target, < 60 s, is about
# that; since 0.3.0 a plain refresh() on unchanged data is incremental and
# recomputes no client: bench/incremental.sh measures that case).  The first
# call populates the views; the timed runs after it are the steady state.
if want refresh; then
jn_log "refresh on $db"
echo 'SELECT * FROM jeugdnorm.refresh(full => true);' >"$work/refresh.sql"
# The first call also logs every statement's plan (auto_explain with
# ANALYZE, nested statements included) to the client: that shows the plans
# inside refresh() and whether they used parallel workers.
# Statements of 100 ms or more only: an SQL function that is not inlined
# logs one plan per call (890,000 plans, 110 MB of report, in the 15:15 run).
explain_opts="-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=100"
explain_opts="$explain_opts -c auto_explain.log_nested_statements=on -c auto_explain.log_analyze=on"
explain_opts="$explain_opts -c auto_explain.log_buffers=on -c auto_explain.log_level=notice"
refresh_ok=1
for r in $(seq 0 "$BENCH_RUNS"); do
    if [ "$r" = 0 ]; then v=first opts=$explain_opts; else v=all opts=; fi
    opts="$opts -c statement_timeout=${BENCH_REFRESH_TIMEOUT}s"
    if ! (measured "$db" refresh "$v" "$r" "$work/refresh.sql" "$opts" >/dev/null); then
        jn_log "refresh() did not finish within ${BENCH_REFRESH_TIMEOUT} s (run $r); further refresh runs skipped"
        info "$db" refresh_timeout "run $r ($v): cancelled after ${BENCH_REFRESH_TIMEOUT} s; $(grep -m1 -E 'ERROR' "$work/$db.refresh.$v.$r/err" || true)"
        refresh_ok=0
        break
    fi
    d=$work/$db.refresh.$v.$r
    { grep -vE '^Time: |^-?[0-9]+ -?[0-9]+$|^ *$' "$d/out" || true; } | while read -r mv conc sec _; do
        case $sec in ''|*[!0-9.]*) continue ;; esac
        meta -c "INSERT INTO refresh_view (run, mv, conc, seconds) VALUES ($r, \$m\$$mv\$m\$, '$conc', $sec)"
    done
done
# refresh's result is one row per view, so 'measured' read no (count,
# checksum): count the views instead.
meta -c "UPDATE run SET out_rows = (SELECT count(DISTINCT mv) FROM refresh_view) WHERE measure = 'refresh'"
if [ "$refresh_ok" = 1 ]; then
    cp "$work/$db.refresh.first.0/err" "$work/refresh.explain.txt"
else
    : >"$work/refresh.explain.txt"
fi
w=$(sed -n 's/.*Workers Launched: \([0-9]*\).*/\1/p' "$work/refresh.explain.txt" | awk '{ s += $1 } END { print s + 0 }')
if [ "$w" -gt 0 ]; then par=yes; elif grep -qE 'Gather|Partial' "$work/refresh.explain.txt"; then par="planned, 0 launched"; else par=no; fi
meta -c "INSERT INTO plan VALUES ('refresh', 'all', '$db', '$par', $w, NULL)"
meta -c "INSERT INTO plan VALUES ('refresh', 'first', '$db', '$par', $w, NULL)"
fi

# --- where the time goes: perf of one care_path run and one refresh() ------
# In one backend (no parallel workers, so all the work is in the process
# perf watches).  Self time by shared object, and by symbol.
perf_run() {
    local name=$1 sqlf=$2 hz=$3
    jn_log "perf record of $name (no parallel workers)"
    measured "$db" "perf_$name" c 1 "$sqlf" "-c max_parallel_workers_per_gather=0" "$work/perf.$name.data" "$hz" >/dev/null
    meta -c "DELETE FROM run WHERE measure = 'perf_$name'"
    [ -s "$work/perf.$name.data" ] || return 0
    perf report -i "$work/perf.$name.data" --stdio --no-children -g none --sort dso 2>/dev/null |
        grep -vE '^#|^$' | sed 's/ *$//' | head -8 >"$work/perf.$name.dso.txt" || true
    perf report -i "$work/perf.$name.data" --stdio --no-children -g none --percent-limit 0.7 \
        --sort dso,symbol 2>/dev/null | grep -vE '^#|^$' | sed 's/[ -]*$//' | head -45 >"$work/perf.$name.txt" || true
}
if [ "$BENCH_PERF" = 1 ] && want perf; then
    want care_path && perf_run care_path bench/sql/care_path_c.sql 997
    want refresh && [ "${refresh_ok:-1}" = 1 ] && perf_run refresh "$work/refresh.sql" 97
fi

# --- change capture: load time with and without it (issue 16) --------------
# The data set loaded again from stage tables (copies of its fact tables,
# made once), with the change-capture triggers of jeugdnorm.toewijzing,
# declaratie and verzoek enabled ("capture") and disabled ("no_capture",
# ALTER TABLE ... DISABLE TRIGGER, outside the timed part), interleaved:
#   load_all      every row through the loaders (load_toewijzingen,
#                 load_declaraties, load_verzoeken) into empty tables
#                 (TRUNCATE before each run): the load of the scale's data;
#                 BENCH_LOAD_RUNS runs per variant, no warm-up
#   load_month    the last month (allocations starting, claim lines
#                 beginning, requests received in it) through the loaders
#                 into the rest; a warm-up run, then BENCH_LOAD_RUNS runs
#   insert_month  the same month by one INSERT ... SELECT per table (no
#                 validation: the cheapest load there is, so the capture's
#                 share is the largest); warm-up, then BENCH_LOAD_RUNS runs
# Each run is one transaction in a fresh connection; its wall time, and the
# backend's CPU time (user + system, /proc/<pid>/stat) -- on a shared
# machine the wall time also counts waiting for a core, the CPU time is
# what the load itself cost.  Runs last on the main data set: load_all's
# loaders reject the data set's exact duplicate claim lines, so the tables
# differ a little afterwards.
triggers() {   # triggers ENABLE|DISABLE: the SQL for the capture triggers of the fact tables
    local t
    for t in toewijzing declaratie verzoek; do
        printf 'ALTER TABLE jeugdnorm.%s %s TRIGGER refresh_capture_insert, %s TRIGGER refresh_capture_update, %s TRIGGER refresh_capture_delete; ' \
            "$t" "$1" "$1" "$1"
    done
}
load_run() {   # load_run DATA VARIANT RUN
    local data=$1 variant=$2 run=$3 state sql
    if [ "$variant" = capture ]; then state=ENABLE; else state=DISABLE; fi
    case $data in
    load_all)
        jn_psql -d "$db" -c "TRUNCATE jeugdnorm.declaratie, jeugdnorm.toewijzing, jeugdnorm.verzoek"
        sql="SELECT count(*) FROM jeugdnorm.load_toewijzingen('bench.load_toewijzing');
             SELECT count(*) FROM jeugdnorm.load_declaraties('bench.load_declaratie');
             SELECT count(*) FROM jeugdnorm.load_verzoeken('bench.load_verzoek');" ;;
    load_month)
        sql="SELECT count(*) FROM jeugdnorm.load_toewijzingen('bench.month_toewijzing');
             SELECT count(*) FROM jeugdnorm.load_declaraties('bench.month_declaratie');
             SELECT count(*) FROM jeugdnorm.load_verzoeken('bench.month_verzoek');" ;;
    insert_month)
        sql="INSERT INTO jeugdnorm.toewijzing SELECT * FROM bench.month_toewijzing;
             INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie,
                        productcode, begindatum, einddatum, volume, eenheid, bedrag)
             SELECT * FROM bench.month_declaratie;
             INSERT INTO jeugdnorm.verzoek SELECT * FROM bench.month_verzoek;" ;;
    esac
    jn_psql -d "$db" -c "DELETE FROM jeugdnorm_internal.refresh_pending" \
        -c "$(triggers "$state")" -c "CHECKPOINT"
    cat >"$work/load.sql" <<SQL
SELECT pg_backend_pid() AS bpid \gset
\setenv JN_BPID :bpid
\! echo "\$(date +%s.%N) \$(cut -d ' ' -f 14,15 /proc/\$JN_BPID/stat)" >'$work/load.t0'
BEGIN;
$sql
COMMIT;
\! echo "\$(date +%s.%N) \$(cut -d ' ' -f 14,15 /proc/\$JN_BPID/stat)" >'$work/load.t1'
SQL
    jn_psql -d "$db" -f "$work/load.sql" >/dev/null
    jn_psql -d "$db" -c "$(triggers ENABLE)"
    local w0 u0 s0 w1 u1 s1 hz
    hz=$(getconf CLK_TCK)
    read -r w0 u0 s0 <"$work/load.t0"
    read -r w1 u1 s1 <"$work/load.t1"
    meta -c "INSERT INTO load_run VALUES ('$data', '$variant', $run, $w1 - $w0, ($u1 + $s1 - $u0 - $s0) / $hz::numeric)"
    # undo a month (the rows it added, found by the stage tables)
    case $data in
    load_month | insert_month)
        jn_psql -d "$db" \
            -c "DELETE FROM jeugdnorm.declaratie WHERE begindatum >= (SELECT min(begindatum) FROM bench.month_declaratie)" \
            -c "DELETE FROM jeugdnorm.toewijzing t USING bench.month_toewijzing s
                 WHERE t.gemeente = s.gemeente AND t.toewijzingnummer = s.toewijzingnummer" \
            -c "DELETE FROM jeugdnorm.verzoek v USING bench.month_verzoek s
                 WHERE v.gemeente = s.gemeente AND v.verzoeknummer = s.verzoeknummer" \
            -c "VACUUM ANALYZE jeugdnorm.toewijzing, jeugdnorm.declaratie, jeugdnorm.verzoek, jeugdnorm_internal.refresh_pending" ;;
    esac
}
if want load; then
    jn_log "load with and without change capture on $db"
    jn_psql -d "$db" <<'SQL'
DROP TABLE IF EXISTS bench.load_toewijzing, bench.load_declaratie, bench.load_verzoek,
                     bench.month_toewijzing, bench.month_declaratie, bench.month_verzoek;
-- the contract columns (the loaders read them by name)
CREATE TABLE bench.load_toewijzing AS SELECT * FROM jeugdnorm.toewijzing;
CREATE TABLE bench.load_declaratie AS
SELECT gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode, begindatum, einddatum,
       volume, eenheid, bedrag FROM jeugdnorm.declaratie ORDER BY declaratie_id;
CREATE TABLE bench.load_verzoek AS SELECT * FROM jeugdnorm.verzoek;
-- the last month of the data
CREATE TABLE bench.month_declaratie AS
SELECT * FROM bench.load_declaratie
 WHERE begindatum >= (SELECT date_trunc('month', max(begindatum))::date FROM bench.load_declaratie);
CREATE TABLE bench.month_toewijzing AS
SELECT * FROM bench.load_toewijzing
 WHERE ingangsdatum >= (SELECT min(begindatum) FROM bench.month_declaratie);
CREATE TABLE bench.month_verzoek AS
SELECT * FROM bench.load_verzoek
 WHERE ontvangen >= (SELECT min(begindatum) FROM bench.month_declaratie);
ANALYZE bench.load_toewijzing, bench.load_declaratie, bench.load_verzoek,
        bench.month_toewijzing, bench.month_declaratie, bench.month_verzoek;
SQL
    for data in load month; do
        info "$db" "rows_$data" "$(jn_psql -d "$db" -Atc "SELECT (SELECT count(*) FROM bench.${data}_toewijzing) || ' allocations, '
            || (SELECT count(*) FROM bench.${data}_declaratie) || ' claim lines, '
            || (SELECT count(*) FROM bench.${data}_verzoek) || ' requests'")"
    done
    # the month: the data set without it, then warm-up + runs
    jn_psql -d "$db" -c "TRUNCATE jeugdnorm.declaratie, jeugdnorm.toewijzing, jeugdnorm.verzoek" \
        -c "INSERT INTO jeugdnorm.toewijzing SELECT * FROM bench.load_toewijzing EXCEPT ALL SELECT * FROM bench.month_toewijzing" \
        -c "INSERT INTO jeugdnorm.declaratie (gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, productcode,
                                              begindatum, einddatum, volume, eenheid, bedrag)
            SELECT * FROM bench.load_declaratie WHERE begindatum < (SELECT min(begindatum) FROM bench.month_declaratie)" \
        -c "INSERT INTO jeugdnorm.verzoek SELECT * FROM bench.load_verzoek EXCEPT ALL SELECT * FROM bench.month_verzoek" \
        -c "DELETE FROM jeugdnorm_internal.refresh_pending" -c "VACUUM ANALYZE"
    for data in load_month insert_month; do
        for r in $(seq 0 "$BENCH_LOAD_RUNS"); do
            load_run "$data" no_capture "$r"
            load_run "$data" capture "$r"
        done
    done
    meta -c "DELETE FROM load_run WHERE run = 0"
    for r in $(seq 1 "$BENCH_LOAD_RUNS"); do
        load_run load_all no_capture "$r"
        load_run load_all capture "$r"
    done
    # the views no longer match the tables: the next refresh must be full
    jn_psql -d "$db" -c "INSERT INTO jeugdnorm_internal.refresh_pending (source, full_recompute) VALUES ('bench', true)" \
        -c "VACUUM ANALYZE"
fi

# --- memory bounded by the largest group, not by the table ----------------
# The care_path aggregate at two scales, 10x apart, in one backend (no
# parallel workers, so the whole aggregate is in the process we watch):
#   c           as in the main measure (index scans off, so the planner's
#               choice without the index): a HashAggregate keeps the states
#               of the groups in its hash table, up to hash_mem, then spills;
#   c_groupagg  GroupAggregate fed in group order by an index scan (hash
#               aggregation and sorts off): one group's state at a time and
#               no sort buffer, so what grows is the aggregate's own memory;
#   sql         the plain-SQL query (its sort buffer grows up to work_mem).
want memory || BENCH_MEM_SCALES=
for s in $BENCH_MEM_SCALES; do
    mdb=jn_m$(echo "$s" | tr -c '0-9\n' '_')
    scale=$s
    gen "$mdb" "$s"
    info "$mdb" largest_group "$(jn_psql -d "$mdb" -Atc 'SELECT max(n) FROM (SELECT count(*) n FROM bench.alloc GROUP BY client_id, aanbieder, product) g')"
    jn_psql -d "$mdb" -c "CREATE INDEX alloc_group ON bench.alloc (client_id, aanbieder, product)" -c "ANALYZE bench.alloc"
    noindex="-c enable_indexscan=off -c enable_indexonlyscan=off -c enable_bitmapscan=off"
    explained "$mdb" care_path_memory c bench/sql/care_path_c.sql "-c max_parallel_workers_per_gather=0 $noindex"
    explained "$mdb" care_path_memory c_groupagg bench/sql/care_path_c.sql "-c max_parallel_workers_per_gather=0 -c enable_hashagg=off -c enable_sort=off"
    explained "$mdb" care_path_memory sql bench/sql/care_path_sql.sql "-c max_parallel_workers_per_gather=0"
    for r in $(seq 1 "$BENCH_RUNS"); do
        measured "$mdb" care_path_memory c "$r" bench/sql/care_path_c.sql "-c max_parallel_workers_per_gather=0 $noindex" >/dev/null
        measured "$mdb" care_path_memory c_groupagg "$r" bench/sql/care_path_c.sql "-c max_parallel_workers_per_gather=0 -c enable_hashagg=off -c enable_sort=off" >/dev/null
        measured "$mdb" care_path_memory sql "$r" bench/sql/care_path_sql.sql "-c max_parallel_workers_per_gather=0" >/dev/null
    done
done

# --- the report --------------------------------------------------------------
jn_log "writing $BENCH_OUT"
pgversion=$(jn_psql -d postgres -Atc 'SELECT version()')
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no -- src 2>/dev/null)" ]; then
    commit="$commit (plus uncommitted changes in src/)"
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
cmd="make bench BENCH_SCALE=$BENCH_SCALE"
[ "$BENCH_SEED" != 42 ] && cmd="$cmd BENCH_SEED=$BENCH_SEED"
[ "$BENCH_RUNS" != 3 ] && cmd="$cmd BENCH_RUNS=$BENCH_RUNS"

show_plan() {
    local f=$work/plans/$db.$2.txt
    [ -s "$f" ] || return 0
    printf '%s\n\n```\n' "$1"
    cat "$f"
    printf '```\n\n'
}
{
    cat <<EOF
# jeugdnorm benchmark results

Run of $started (finished $(date -u '+%H:%M UTC')).
Machine: $(nproc) cores ($cpu), $mem memory, $(uname -sr).
$pgversion.
Built from commit $commit.
Reproduce: \`$cmd\` (bench/run.sh; about the settings and method see there).
Server settings: $(printf '%s, ' "${settings[@]}" | sed 's/, $//').

## Data

EOF
    meta -At -F ' | ' <<'EOF'
SELECT '| database | generate s | VACUUM ANALYZE s | allocations (kept) | claim lines (kept) | size |';
SELECT '|---|---:|---:|---:|---:|---|';
SELECT '| ' || db, max(value) FILTER (WHERE key = 'generate_seconds'),
       max(value) FILTER (WHERE key = 'vacuum_analyze_seconds'),
       max(value) FILTER (WHERE key = 'allocations') || ' (' || max(value) FILTER (WHERE key = 'kept_allocations') || ')',
       max(value) FILTER (WHERE key = 'claim_lines') || ' (' || max(value) FILTER (WHERE key = 'kept_claim_lines') || ')',
       max(value) FILTER (WHERE key = 'database_size') || ' |'
FROM info GROUP BY db ORDER BY db;
EOF
    cat <<EOF

Scale $BENCH_SCALE; realisation window $ws .. $we; path gap $gap days; follow-up bounds $ext / $rec days.

## Results

Median of $BENCH_RUNS runs, each in a fresh connection.  "vs plain SQL" and
"vs floor" are ratios of medians from this same run (below 1 = faster);
"above floor vs SQL" = (variant - floor) / (plain SQL - floor): the work done
on top of the unavoidable sorted scan, compared.
Peak private MB = peak RssAnon of the backend (sampled every 20 ms);
VmHWM MB also counts the shared_buffers pages the backend touched.  With
parallel workers only the leader's memory is shown.

Variants: **c** = the C function/aggregate (care_path: GROUP BY + unnest
in the select list; every run's (count, checksum over all output fields)
equals the plain-SQL answer, or the run aborts); **agg** = follow-up by the
aggregate follow_up_agg (GROUP BY client_id, product + unnest; same
answer, or the run aborts); **aggonly** = the same
care_path aggregate without unnest and checksum (its cost alone; counts
only, not compared); **sql** = the fastest plain-SQL formulation found
(bench/sql/*_sql.sql: group and partition keys COLLATE "C", so the sorts
compare them bytewise with abbreviated keys; the groups are the same);
**sql_dbcoll** = the same plain SQL with those keys in the database
collation (the "sql" of runs before issue 16 part 3; same answer, or the
run aborts); **sql_strict** = plain SQL with
string_agg(... ORDER BY ...); **floor** = one sorted scan of the same rows
in the query's order (count only); **follow_up_idx** = the follow_up pair
on a copy of the allocations with a covering index in the window order, so
an index-only scan replaces the sort; **refresh first** = the first call
(populates, and logs every plan through auto_explain, so it is slower);
**refresh all** = the later, steady-state calls.  A negative "above floor"
means faster than the floor (a hash aggregate needs no sort).

EOF
    meta -At -F ' | ' -v scale="$BENCH_SCALE" <<'EOF'
SELECT '| measure | variant | scale | rows in | rows out | median s | min s | vs plain SQL | vs floor | above floor vs SQL | peak private MB | VmHWM MB | parallel |';
SELECT '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|';
WITH m AS (
    SELECT measure, variant, db, max(scale) AS scale, count(*) AS runs,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS med,
           min(seconds) AS best, max(out_rows) AS out_rows,
           max(anon_kb) AS anon_kb, max(hwm_kb) AS hwm_kb
    FROM run GROUP BY measure, variant, db)
SELECT '| ' || m.measure, m.variant, m.scale,
       CASE WHEN m.measure = 'realisation' THEN
                (SELECT value FROM info i WHERE i.db = m.db AND key = 'kept_allocations') || ' + '
                || (SELECT value FROM info i WHERE i.db = m.db AND key = 'kept_claim_lines')
            WHEN m.measure = 'refresh' THEN '-'
            ELSE (SELECT value FROM info i WHERE i.db = m.db AND key = 'kept_allocations') END,
       m.out_rows, round(m.med::numeric, 3), round(m.best, 3),
       coalesce(round((m.med / s.med)::numeric, 2)::text, '-'),
       coalesce(round((m.med / f.med)::numeric, 2)::text, '-'),
       coalesce(round(((m.med - f.med) / NULLIF(s.med - f.med, 0))::numeric, 2)::text, '-'),
       round(m.anon_kb / 1024.0, 1), round(m.hwm_kb / 1024.0, 1),
       coalesce((SELECT parallel FROM plan p WHERE (p.measure, p.variant, p.db) = (m.measure, m.variant, m.db)), '-') || ' |'
FROM m
LEFT JOIN m s ON (s.measure, s.variant, s.db) = (m.measure, 'sql', m.db)
LEFT JOIN m f ON (f.measure, f.variant, f.db) = (m.measure, 'floor', m.db)
WHERE m.measure <> 'care_path_memory'
ORDER BY array_position(ARRAY['care_path', 'follow_up', 'follow_up_idx', 'realisation', 'refresh'], m.measure),
         array_position(ARRAY['c', 'agg', 'aggonly', 'sql', 'sql_dbcoll', 'sql_strict', 'floor', 'first', 'all'], m.variant);
EOF
    cat <<'EOF'

### jeugdnorm.refresh(), seconds per materialised view

EOF
    meta -At -F ' | ' <<'EOF'
SELECT '| view | first call s (concurrently) | median s, later calls | min s | max s | concurrently |';
SELECT '|---|---:|---:|---:|---:|---|';
SELECT '| ' || mv,
       round(max(seconds) FILTER (WHERE run = 0), 3) || ' (' || coalesce(max(conc) FILTER (WHERE run = 0), '-') || ')',
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE run > 0))::numeric, 3),
       round(min(seconds) FILTER (WHERE run > 0), 3), round(max(seconds) FILTER (WHERE run > 0), 3),
       coalesce(max(conc) FILTER (WHERE run > 0), '-') || ' |'
FROM refresh_view GROUP BY mv ORDER BY min(id);
EOF
    meta -At <<'EOF'
SELECT E'\n**jeugdnorm.refresh() did not finish**: ' || value
       || '.  Its transaction was rolled back, so no per-view figures exist for that call;'
       || ' the refresh target is not measured in this run.'
FROM info WHERE key = 'refresh_timeout';
EOF
    cat <<'EOF'

### Change capture: load time with and without it

The data set loaded again with the change-capture triggers enabled and
disabled, interleaved, each run one transaction in a fresh connection
(bench/run.sh, "change capture"): **load_all** = every row through the
loaders into empty tables; **load_month** = the last month through the
loaders into the rest; **insert_month** = the same month by INSERT ...
SELECT (no validation: the worst case for the capture's share).  Wall =
elapsed seconds; CPU = the backend's user + system seconds (without
parallel workers), which does not count waiting for a core on a shared
machine.  Overhead = median with / median without - 1.

EOF
    meta -At -F ' | ' <<'EOF'
SELECT '| load | rows | runs | wall s, capture | wall s, no capture | wall overhead | CPU s, capture | CPU s, no capture | CPU overhead |';
SELECT '|---|---|---:|---:|---:|---:|---:|---:|---:|';
WITH m AS (
    SELECT data, variant, count(*) AS runs,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS wall,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY cpu) AS cpu
    FROM load_run GROUP BY data, variant)
SELECT '| ' || c.data,
       coalesce((SELECT value FROM info WHERE key = CASE WHEN c.data = 'load_all' THEN 'rows_load' ELSE 'rows_month' END LIMIT 1), '-'),
       c.runs, round(c.wall::numeric, 3), round(n.wall::numeric, 3),
       round(100 * (c.wall / n.wall - 1)::numeric, 1) || ' %',
       round(c.cpu::numeric, 2), round(n.cpu::numeric, 2),
       coalesce(round(100 * (c.cpu / NULLIF(n.cpu, 0) - 1)::numeric, 1) || ' %', '-') || ' |'
FROM m c JOIN m n ON n.data = c.data AND n.variant = 'no_capture'
WHERE c.variant = 'capture'
ORDER BY array_position(ARRAY['load_all', 'load_month', 'insert_month'], c.data);
EOF
    cat <<'EOF'

### Memory: care_path at two scales, 10x apart (one backend, no parallel workers)

EOF
    meta -At -F ' | ' <<'EOF'
SELECT '| scale | variant | allocations (kept) | largest group | peak private MB | VmHWM MB | median s | grouping (EXPLAIN ANALYZE) |';
SELECT '|---:|---|---:|---:|---:|---:|---:|---|';
SELECT '| ' || r.scale, r.variant,
       (SELECT value FROM info i WHERE i.db = r.db AND key = 'kept_allocations'),
       (SELECT value FROM info i WHERE i.db = r.db AND key = 'largest_group'),
       round(max(anon_kb) / 1024.0, 1), round(max(hwm_kb) / 1024.0, 1),
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds)::numeric, 3),
       coalesce((SELECT agg FROM plan p WHERE (p.measure, p.variant, p.db) = ('care_path_memory', r.variant, r.db)), '') || ' |'
FROM run r WHERE measure = 'care_path_memory'
GROUP BY r.scale, r.variant, r.db ORDER BY r.scale, array_position(ARRAY['c', 'c_groupagg', 'sql'], r.variant);
EOF
    echo
    echo "## Targets (computed from this run)"
    echo
    meta -At -F ' | ' -v scale="$BENCH_SCALE" -v nproc="$(nproc)" <<'EOF2'
SELECT '| target | this run | met |';
SELECT '|---|---|---|';
WITH m AS (
    SELECT measure, variant, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS med
    FROM run WHERE measure IN ('care_path', 'follow_up', 'follow_up_idx', 'refresh') GROUP BY 1, 2),
r AS (SELECT (SELECT med FROM m WHERE measure = 'care_path' AND variant = 'c') AS cp_c,
             (SELECT med FROM m WHERE measure = 'care_path' AND variant = 'sql') AS cp_sql,
             (SELECT med FROM m WHERE measure = 'care_path' AND variant = 'floor') AS cp_floor,
             (SELECT med FROM m WHERE measure = 'follow_up' AND variant = 'c') AS fu_c,
             (SELECT med FROM m WHERE measure = 'follow_up' AND variant = 'sql') AS fu_sql,
             (SELECT med FROM m WHERE measure = 'follow_up' AND variant = 'agg') AS fu_agg,
             (SELECT med FROM m WHERE measure = 'follow_up_idx' AND variant = 'c') AS fi_c,
             (SELECT med FROM m WHERE measure = 'follow_up_idx' AND variant = 'sql') AS fi_sql,
             (SELECT med FROM m WHERE measure = 'refresh' AND variant = 'all') AS refresh),
lr AS (SELECT data, variant, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS wall,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY cpu) AS cpu
       FROM load_run GROUP BY data, variant),
lo AS (SELECT c.data, c.wall / n.wall - 1 AS wall, c.cpu / NULLIF(n.cpu, 0) - 1 AS cpu
       FROM lr c JOIN lr n ON n.data = c.data AND n.variant = 'no_capture' WHERE c.variant = 'capture'),
mem AS (SELECT variant, scale, max(anon_kb) AS kb FROM run WHERE measure = 'care_path_memory' GROUP BY 1, 2),
g AS (SELECT a.variant, b.kb::numeric / NULLIF(a.kb, 0) AS growth, b.scale / a.scale AS table_growth
      FROM mem a JOIN mem b ON a.variant = b.variant AND b.scale > a.scale),
t(target, value, met) AS (
    SELECT 'care_path >= 3x faster than plain SQL (scale ' || :'scale' || ')',
           round((cp_sql / cp_c)::numeric, 2) || 'x faster', cp_sql / cp_c >= 3 FROM r
    UNION ALL
    SELECT 'care_path within 1.5x of the sorted-scan floor (scale ' || :'scale' || ')',
           round((cp_c / cp_floor)::numeric, 2) || 'x the floor', cp_c / cp_floor <= 1.5 FROM r
    UNION ALL
    SELECT 'follow_up >= 2x faster than plain SQL',
           round((fu_sql / fu_c)::numeric, 2) || 'x faster', fu_sql / fu_c >= 2 FROM r
    UNION ALL
    SELECT 'follow_up_agg (GROUP BY client_id, product) >= 2x faster than plain SQL',
           round((fu_sql / fu_agg)::numeric, 2) || 'x faster', fu_sql / fu_agg >= 2 FROM r
    UNION ALL
    SELECT 'follow_up >= 2x faster than plain SQL, fed by a covering index (no sort)',
           round((fi_sql / fi_c)::numeric, 2) || 'x faster', fi_sql / fi_c >= 2 FROM r
    UNION ALL
    SELECT 'refresh() < 60 s on ' || :'nproc' || ' cores (scale ' || :'scale' || ')',
           round(refresh::numeric, 1) || ' s', refresh < 60 FROM r
    UNION ALL
    SELECT 'change capture costs the load < 15 % (' || data || ', wall time)',
           round(100 * wall::numeric, 1) || ' %', wall < 0.15 FROM lo
    UNION ALL
    SELECT 'change capture costs the load < 15 % (' || data || ', backend CPU time)',
           round(100 * cpu::numeric, 1) || ' %', cpu < 0.15 FROM lo
    UNION ALL
    SELECT 'memory bounded: ' || round(table_growth, 1) || 'x table, peak private memory grows < 2x (care_path ' || variant || ')',
           round(growth, 2) || 'x', growth < 2 FROM g WHERE variant IN ('c', 'c_groupagg'))
SELECT '| ' || target, coalesce(value, 'not measured'),
       CASE WHEN met THEN 'met' WHEN met IS NULL THEN '-' ELSE '**not met**' END || ' |'
FROM t;
EOF2
    if [ "$BENCH_SCALE" != 20 ]; then
        echo
        echo "(The targets are stated for scale 20; this run used scale $BENCH_SCALE.)"
    fi
    echo
    echo "## Where the time goes"
    echo
    show_plan "EXPLAIN (ANALYZE, BUFFERS) of the care_path aggregate at scale $BENCH_SCALE:" care_path.c
    show_plan "The plain-SQL care paths:" care_path.sql
    show_plan "The follow_up window function:" follow_up.c
    show_plan "The follow_up_agg aggregate:" follow_up.agg
    show_plan "The plain-SQL follow-up:" follow_up.sql
    show_plan "The follow_up window function fed by the covering index:" follow_up_idx.c
    show_plan "Realisation with the C functions:" realisation.c
    if [ -s "$work/refresh.explain.txt" ]; then
        echo "<details><summary>Plans inside the first jeugdnorm.refresh() (auto_explain, ANALYZE, nested statements; statements of 100 ms or more)</summary>"
        echo
        echo '```'
        sed 's/^psql:[^ ]* NOTICE:  //' "$work/refresh.explain.txt"
        echo '```'
        echo
        echo "</details>"
        echo
    fi
    for name in care_path refresh; do
        [ -s "$work/perf.$name.txt" ] || continue
        echo "perf record of one $name run in a single backend (no parallel workers, $(nproc) cores shared"
        echo "with the rest of the machine): self time by shared object, then by symbol (>= 0.7 %):"
        echo
        echo '```'
        cat "$work/perf.$name.dso.txt"
        echo
        cat "$work/perf.$name.txt"
        echo '```'
        echo
    done
} >"$BENCH_OUT.tmp"
mv "$BENCH_OUT.tmp" "$BENCH_OUT"
meta -At -F ' ' -c "SELECT measure, variant, db, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds), max(anon_kb) FROM run GROUP BY 1,2,3 ORDER BY 3,1,2" >&2
jn_log "done: $BENCH_OUT"
