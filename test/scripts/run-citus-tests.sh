#!/usr/bin/env bash
# make test-citus: jeugdnorm on a throwaway 3-node Citus cluster
# (test/scripts/citus-cluster.sh; doc/citus.md).
#   1. builds Citus from ../shared/vendor/citus-*.tar.gz into a private cache
#      when it is not there yet (once; minutes), and jeugdnorm, into a
#      private copy of the PostgreSQL installation;
#   2. starts a coordinator and two workers on free local ports;
#   3. database jn_single on the coordinator (no citus extension: plain
#      single-node jeugdnorm) gets the demo region (DEMO_SEED, default 42;
#      DEMO_SCALE, default 1) and refresh();
#   4. database jn_citus (citus on every node): CREATE EXTENSION jeugdnorm,
#      jeugdnorm.distribute(), the region copied in through the coordinator
#      in two loads with a refresh() after each (the second load adds the
#      allocations, claim lines and requests from 2025-07-01 on);
#   5. every contract view (every view of schema jeugdnorm) is compared:
#      row count and md5 of the ordered rows in both databases (one TAP line
#      per view; data_status without its timestamps), and again after
#      refresh(full => true) on the cluster;
#   6. distribute() without citus (NOTICE, no-op: on jn_single), on a
#      worker (55000), and in a coordinator-only database with a NULL
#      client_id (23502) or a duplicated allocation key (23505), nothing
#      changed (test/citus/errors.sql on jn_errors);
#   7. tenancy with LOGIN roles: a reader of one gemeente sees only that
#      gemeente in the contract views and cannot read the input tables; a
#      loader role loads through the coordinator;
#      the path tables behind care_paths and allocation_follow_up (Citus
#      tables since phase 2) show the reader only that gemeente, also in a
#      shard on a worker; the workers' copy of access follows changes;
#   8. test/citus/distribute.sql, loaders.sql and phase2.sql (pgTAP) on
#      jn_citus (phase2.sql: the per-client path tables computed in the
#      shards, the plans, equality with the single-node computation, an
#      incremental load);
#   9. prints "N passed, M failed" like make test.
# JN_KEEP=1 keeps the temp directory; CITUS_KEEP=1 also leaves the three
# servers running (prints how to connect and how to stop them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/install-deps.sh" --test
source "$here/citus-cluster.sh"
if [ -z "${CITUS_KEEP:-}" ]; then trap jc_cleanup EXIT; fi
cd "$JN_ROOT"

t_start=$(date +%s)
jc_setup
t_built=$(date +%s)
jc_start "lock_timeout = '60s'" "statement_timeout = '900s'"
export PGOPTIONS="${PGOPTIONS:-} -c jeugdnorm.progress=off"
psql_c() { jn_psql -d "$JC_DB" "$@"; }
psql_s() { jn_psql -d jn_single "$@"; }

seed=${DEMO_SEED:-42}
scale=${DEMO_SCALE:-1}
passed=0
failed=0
ok()  { passed=$((passed + 1)); echo "ok - $*"; }
bad() { failed=$((failed + 1)); echo "not ok - $*"; }

# --- 3. single node ---------------------------------------------------------
jn_psql -d postgres -c "CREATE DATABASE jn_single"
psql_s -c "CREATE EXTENSION jeugdnorm"
jn_log "jn_single: demo region (seed $seed, scale $scale) and refresh()"
psql_s -f test/generator/demo_region.sql
psql_s -c "SELECT * FROM jeugdnorm_demo.generate($seed, $scale)" >/dev/null
t0=$(date +%s)
psql_s -c "SELECT * FROM jeugdnorm.refresh()" >/dev/null
t_single_refresh=$(( $(date +%s) - t0 ))

# --- 4. the cluster -----------------------------------------------------------
psql_c -c "CREATE EXTENSION jeugdnorm"
jn_log "jn_citus: distribute()"
psql_c -P pager=off -c "SELECT * FROM jeugdnorm.distribute()"
# the tables the generator fills, copied through the coordinator in
# dependency order (budgetplafond before staffel); the client tables in two
# loads (before and from 2025-07-01), the settings by UPDATE
tables="aanbieder product norm contract product_mapping wijk indexatie gemeente_jaar capaciteit
        budgetplafond staffel toewijzing declaratie verzoek"
later() {
    case $1 in
        toewijzing) echo "ingangsdatum >= '2025-07-01'" ;;
        declaratie) echo "begindatum >= '2025-07-01'" ;;
        verzoek)    echo "ontvangen >= '2025-07-01'" ;;
        *)          echo "false" ;;
    esac
}
copy_rows() {   # copy_rows TABLE CONDITION
    psql_s -c "\\copy (SELECT * FROM jeugdnorm.$1 WHERE $2) TO '$JN_TMP/$1.copy'"
    psql_c -c "\\copy jeugdnorm.$1 FROM '$JN_TMP/$1.copy'"
}
for t in $tables; do
    copy_rows "$t" "NOT ($(later "$t"))"
done
psql_s -At -c "SELECT format('UPDATE jeugdnorm.settings SET window_start = %L, peildatum = %L, extension_days = %s, recidive_days = %s, path_gap_days = %s, max_age = %s, drop_net_zero = %L, lead_time_target_days = %s',
                             window_start, peildatum, extension_days, recidive_days, path_gap_days,
                             coalesce(max_age::text, 'NULL'), drop_net_zero, lead_time_target_days)
                 FROM jeugdnorm.settings" >"$JN_TMP/settings.sql"
psql_c -f "$JN_TMP/settings.sql"
refresh_c() {   # refresh_c WHAT ARGS: refresh() on the cluster, one TAP line
    local t0
    t0=$(date +%s)
    if psql_c -P pager=off -c "SELECT * FROM jeugdnorm.refresh(${2:-})" >"$JN_TMP/citus-refresh.log" 2>&1; then
        ok "$1 ($(( $(date +%s) - t0 )) s)"
    else
        bad "$1"
        cat "$JN_TMP/citus-refresh.log"
    fi
}
refresh_c "refresh() on the cluster after the first load"
for t in toewijzing declaratie verzoek; do
    copy_rows "$t" "$(later "$t")"
done
# the serial ids go on after the copied ones, as on the single node
psql_c -At -c "SELECT setval(pg_get_serial_sequence('jeugdnorm.' || t, c), coalesce(m, 0) + 1, false)
                 FROM (VALUES ('declaratie', 'declaratie_id', (SELECT max(declaratie_id) FROM jeugdnorm.declaratie)),
                              ('norm', 'norm_id', (SELECT max(norm_id) FROM jeugdnorm.norm)),
                              ('contract', 'contract_id', (SELECT max(contract_id) FROM jeugdnorm.contract)),
                              ('product_mapping', 'product_mapping_id', (SELECT max(product_mapping_id) FROM jeugdnorm.product_mapping)))
                      AS x(t, c, m)" >/dev/null
t0=$(date +%s)
refresh_c "refresh() on the cluster after the second load"
t_citus_refresh=$(( $(date +%s) - t0 ))

# --- 5. every contract view: the same rows --------------------------------------
views=$(psql_s -At -c "SELECT c.relname FROM pg_class c
                        WHERE c.relnamespace = 'jeugdnorm'::regnamespace AND c.relkind = 'v'
                        ORDER BY 1")
sig() {
    # count and md5 of the ordered rows (as jsonb without data_status'
    # timestamps and run ids of the last load and refresh), or the error's first line
    "$JN_BIN/psql" -X -At -d "$1" -c "SELECT count(*) || ' ' || coalesce(md5(string_agg(r, E'\n' ORDER BY r)), '-')
                                        FROM (SELECT (to_jsonb(t) - ARRAY['last_refresh_at', 'last_load_at', 'last_refresh_id', 'last_load_id',
                                                                          'last_refresh_date', 'last_load_date'])::text AS r
                                                FROM jeugdnorm.$2 t) x" 2>&1 | head -1 || true
}
compare_views() {   # compare_views LABEL
    jn_log "comparing every view of schema jeugdnorm ($1)"
    local v a b n=0 same=0
    for v in $views; do
        a=$(sig jn_single "$v")
        b=$(sig "$JC_DB" "$v")
        n=$((n + 1))
        if [ "$a" = "$b" ]; then
            same=$((same + 1))
            ok "view $v: the same rows on the cluster, $1 ($a)"
        else
            bad "view $v: single node [$a], cluster [$b], $1"
        fi
    done
    jn_log "$same of $n views equal ($1)"
}
compare_views "after the second load"
refresh_c "refresh(full => true) on the cluster" "full => true"
compare_views "after refresh(full => true)"

# --- 6. distribute() where it must not act ---------------------------------------
out=$(psql_s -c "SELECT * FROM jeugdnorm.distribute()" 2>&1 || true)
if grep -q "NOTICE:  jeugdnorm.distribute(): extension citus is not installed" <<<"$out" && grep -q "(0 rows)" <<<"$out"; then
    ok "distribute() without citus: a NOTICE and no rows"
else
    bad "distribute() without citus: $out"
fi
out=$("$JN_BIN/psql" -X -d "$JC_DB" -p "$JC_PORT1" -v VERBOSITY=verbose -c "SELECT * FROM jeugdnorm.distribute()" 2>&1 || true)
if grep -q "ERROR:  55000: jeugdnorm.distribute() must run on the Citus coordinator" <<<"$out"; then
    ok "distribute() on a worker: 55000"
else
    bad "distribute() on a worker: $out"
fi
jn_psql -d postgres -c "CREATE DATABASE jn_errors"
jn_psql -d jn_errors -c "CREATE EXTENSION citus" -c "CREATE EXTENSION jeugdnorm" -c "CREATE EXTENSION pgtap" >/dev/null

# --- 7. tenancy with LOGIN roles ---------------------------------------------------
# (roles are cluster-wide; Citus propagates CREATE ROLE to the workers)
psql_c -c "SELECT count(*) FROM jeugdnorm.create_roles()" >/dev/null
psql_c -c "CREATE ROLE jn_citus_reader LOGIN IN ROLE jeugdnorm_reader" \
       -c "CREATE ROLE jn_citus_loader LOGIN IN ROLE jeugdnorm_loader" \
       -c "INSERT INTO jeugdnorm.access VALUES ('jn_citus_reader', '0889'), ('jn_citus_loader', '*')" \
       -c "SELECT count(*) FROM jeugdnorm.distribute()" >/dev/null
as_reader() { "$JN_BIN/psql" -X -At -U jn_citus_reader -d "$JC_DB" -c "$1" 2>&1 | head -1 || true; }
for v in care_paths allocation_follow_up data_quality_rows; do
    got=$(as_reader "SELECT coalesce(string_agg(DISTINCT gemeente, ','), '-') || ' ' || count(*) FROM jeugdnorm.$v")
    want=$(psql_c -At -c "SELECT '0889 ' || count(*) FROM jeugdnorm.$v WHERE gemeente = '0889'")
    if [ "$got" = "$want" ]; then
        ok "LOGIN reader of gemeente 0889: $v shows exactly its rows ($got)"
    else
        bad "LOGIN reader of gemeente 0889: $v shows [$got], want [$want]"
    fi
done
for t in toewijzing declaratie verzoek; do
    got=$(as_reader "SELECT count(*) FROM jeugdnorm.$t")
    if grep -q "permission denied" <<<"$got"; then
        ok "LOGIN reader: no access to the Citus table $t"
    else
        bad "LOGIN reader reads the Citus table $t: $got"
    fi
done

# the path tables behind care_paths and allocation_follow_up are Citus
# tables (phase 2) that their readers may read under row-level security by
# gemeente, also straight on a worker; the workers' copy of access follows
# every committed change
as_reader_on_worker() { "$JN_BIN/psql" -X -At -h 127.0.0.1 -p "$JC_PORT1" -U jn_citus_reader -d "$JC_DB" -c "$1" 2>&1 | head -1 || true; }
shard_on_worker() {   # shard_on_worker TABLE: a shard of it placed on worker 1
    "$JN_BIN/psql" -X -At -h 127.0.0.1 -p "$JC_PORT1" -U postgres -d "$JC_DB" \
        -c "SELECT shard_name(logicalrelid, shardid) FROM pg_dist_shard s
             WHERE logicalrelid = '$1'::regclass
               AND EXISTS (SELECT 1 FROM pg_dist_placement p JOIN pg_dist_node n USING (groupid)
                            WHERE p.shardid = s.shardid AND n.nodeport = $JC_PORT1)
             ORDER BY shardid LIMIT 1"
}
shard=$(shard_on_worker jeugdnorm_internal.mv_care_paths)
got=$(as_reader_on_worker "SELECT coalesce(string_agg(DISTINCT gemeente, ','), '-') FROM $shard")
all=$("$JN_BIN/psql" -X -At -h 127.0.0.1 -p "$JC_PORT1" -U postgres -d "$JC_DB" -c "SELECT count(DISTINCT gemeente) FROM $shard")
if [ "$got" = "0889" ] && [ "$all" -gt 1 ]; then
    ok "LOGIN reader of gemeente 0889 on a worker: the shard $shard shows only 0889 (of $all gemeenten)"
else
    bad "LOGIN reader of gemeente 0889 on a worker: shard $shard shows [$got] (of $all gemeenten)"
fi
got=$(as_reader_on_worker "SELECT count(*) FROM $(shard_on_worker jeugdnorm_internal.mv_path_allocations)")
if grep -q "permission denied" <<<"$got"; then
    ok "LOGIN reader on a worker: no access to the other path tables' shards"
else
    bad "LOGIN reader on a worker reads a shard of mv_path_allocations: $got"
fi
access_sig="SELECT count(*) || ' ' || md5(string_agg(role_name || ':' || gemeente, ',' ORDER BY role_name, gemeente)) FROM jeugdnorm.access"
for change in "INSERT INTO jeugdnorm.access VALUES ('jn_citus_nobody', '0999')" \
              "DELETE FROM jeugdnorm.access WHERE role_name = 'jn_citus_nobody'"; do
    psql_c -c "$change" >/dev/null
    want=$(psql_c -At -c "$access_sig")
    got=$(psql_c -At -c "SELECT string_agg(DISTINCT result, ' | ') FROM run_command_on_workers(\$\$$access_sig\$\$)")
    if [ "$got" = "$want" ]; then
        ok "jeugdnorm.access on both workers = the coordinator's after: $change"
    else
        bad "jeugdnorm.access on the workers [$got], on the coordinator [$want] after: $change"
    fi
done

# --- 8. the distributed suite ---------------------------------------------------
run_tap() {   # run_tap DB FILE...
    local db=$1 rc n_ok n_bad
    shift
    set +e
    PATH="$JN_BIN:$PATH" timeout 1800 pg_prove --verbose --failures --dbname "$db" "$@" >"$JN_TMP/tap.log" 2>&1
    rc=$?
    set -e
    grep -vE '^ok [0-9]+' "$JN_TMP/tap.log" || true
    n_ok=$(grep -cE '^ok [0-9]+' "$JN_TMP/tap.log" || true)
    n_bad=$(grep -cE '^not ok [0-9]+' "$JN_TMP/tap.log" || true)
    if [ "$rc" -ne 0 ] && [ "$n_bad" -eq 0 ]; then n_bad=1; fi
    passed=$((passed + n_ok))
    failed=$((failed + n_bad))
}
psql_c -c "CREATE EXTENSION IF NOT EXISTS pgtap" >/dev/null
run_tap jn_errors test/citus/errors.sql
tap_tests=()
for f in test/citus/*.sql; do
    [ "$f" = test/citus/errors.sql ] || tap_tests+=("$f")
done
run_tap "$JC_DB" "${tap_tests[@]}"

# --- 9. load_ijw() on the cluster = on the single node -------------------------------
# The self-made iJw examples (test/fixtures/ijw) and two messages of our
# own (a JW323 with a refused element, a message that is not well-formed), loaded by
# load_ijw() as the LOGIN loader role on the cluster and as the owner on
# the single node, with the same pseudonym key and the same next
# declaratie_id: the same summary, messages, rejected rows, claim lines,
# allocations and requests; then refresh() on both and every view compared
# again.
jn_log "load_ijw() on the cluster and on the single node"
ijw_sql=$JN_TMP/ijw-messages.sql
{
    echo "SELECT jeugdnorm.set_pseudonym_key('citus test key: 0123456789abcdef0123456789');"
    echo "INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht) VALUES"
    sep=""
    for f in test/fixtures/ijw/*.xml; do
        printf "%s('%s', \$ijw\$%s\$ijw\$)\n" "$sep" "$(basename "$f")" "$(cat "$f")"
        sep=","
    done
    # a refused element (unknown Eenheid) beside two that load
    printf ",('JW323_refused_element.xml', \$ijw\$%s\$ijw\$)\n" \
        "$(sed -e '0,/<jw323:Eenheid>04</s//<jw323:Eenheid>99</' -e 's/RN-000/RN-100/g' -e 's/DC2024000003/DC2024000103/' test/fixtures/ijw/JW323_selfmade.xml)"
    printf ",('not_well_formed.xml', \$ijw\$<jw323:Bericht><unclosed>\$ijw\$);\n"
} >"$ijw_sql"
psql_s -q -f "$ijw_sql"
psql_c -q -f "$ijw_sql"
psql_c -At -c "SELECT setval('jeugdnorm.declaratie_declaratie_id_seq', last_value, is_called::boolean)
                 FROM (VALUES $(psql_s -At -F, -c "SELECT last_value, is_called FROM jeugdnorm.declaratie_declaratie_id_seq" | sed -E "s/^(.*),(.*)$/(\1, '\2')/")) AS s(last_value, is_called)" >/dev/null
ijw_load='SELECT * FROM jeugdnorm.load_ijw()'
a=$(psql_s -At -c "$ijw_load" 2>&1)
b=$("$JN_BIN/psql" -X -At -U jn_citus_loader -d "$JC_DB" -c "$ijw_load" 2>&1)
if [ "$a" = "$b" ] && grep -q '^490|2|2|0|5|1|JW323$' <<<"$b" && grep -q '^|1|0|1|0|0|$' <<<"$b"; then
    ok "load_ijw() as a LOGIN loader on the cluster: the single node's summary (5 claim lines loaded, 1 refused, 1 message refused)"
else
    bad "load_ijw() on the cluster [$b], on the single node [$a]"
fi
ijw_sig() {   # ijw_sig DB QUERY: count and md5 of the rows (through a temporary table:
              # to_jsonb() of a Citus query's row loses the column names)
    "$JN_BIN/psql" -X -At -d "$1" -c "CREATE TEMP TABLE ijw_rows AS $2" \
                                  -c "SELECT count(*) || ' ' || coalesce(md5(string_agg(r, E'\n' ORDER BY r)), '-')
                                        FROM (SELECT (to_jsonb(t))::text AS r FROM ijw_rows t) x" 2>&1 | tail -1 || true
}
while IFS='|' read -r what query; do
    a=$(ijw_sig jn_single "$query")
    b=$(ijw_sig "$JC_DB" "$query")
    if [ "$a" = "$b" ] && [ "${a%% *}" -gt 0 ]; then
        ok "load_ijw(): $what the same on the cluster ($a)"
    else
        bad "load_ijw(): $what: single node [$a], cluster [$b]"
    fi
done <<'QUERIES'
the messages (status, reason, counts, kept text)|SELECT bericht_id, bestandsnaam, status, reden, berichtcode, berichttype, rows_loaded, rows_rejected, inhoud_hash, md5(bericht) AS tekst FROM jeugdnorm.ijw_bericht
the rejected elements kept in jeugdnorm.rejected|SELECT source, target, row, reason, source_row_no, bericht_id, element_pad FROM jeugdnorm.rejected WHERE bericht_id IS NOT NULL
the claim lines (declaratie_id too)|SELECT * FROM jeugdnorm.declaratie WHERE referentienummer IS NOT NULL
the allocations|SELECT t.* FROM jeugdnorm.toewijzing t WHERE (gemeente, toewijzingnummer) IN (SELECT gemeente, toewijzingnummer FROM jeugdnorm.ijw_toewijzing_versie UNION SELECT gemeente, toewijzingnummer FROM jeugdnorm.ijw_stop)
the requests|SELECT v.* FROM jeugdnorm.verzoek v WHERE (gemeente, verzoeknummer) IN (SELECT gemeente, verzoeknummer FROM jeugdnorm.ijw_verzoek_versie UNION SELECT gemeente, verzoeknummer FROM jeugdnorm.ijw_antwoord)
QUERIES
n_rej=$(psql_c -At -c "SELECT (SELECT count(*) FROM jeugdnorm.rejected WHERE bericht_id IS NOT NULL)
                              = (SELECT sum(rows_rejected) FROM jeugdnorm.ijw_bericht)
                          AND (SELECT count(*) FROM jeugdnorm.declaratie WHERE referentienummer IS NOT NULL)
                              = (SELECT sum(rows_loaded) FROM jeugdnorm.ijw_bericht WHERE berichttype = 'JW323')")
if [ "$n_rej" = "t" ]; then
    ok "load_ijw() on the cluster: rejected rows kept = the messages' rows_rejected, claim lines in the Citus table = their rows_loaded"
else
    bad "load_ijw() on the cluster: rejected / loaded rows do not add up"
fi
psql_s -c "SELECT * FROM jeugdnorm.refresh()" >/dev/null
refresh_c "refresh() on the cluster after load_ijw()"
compare_views "after load_ijw() and refresh()"

# --- 10. readers during refresh() ---------------------------------------------------
# refresh() refills the Citus tables in the shards with DELETE + INSERT in
# its own transaction: while it holds that transaction open, a reader is
# not blocked (lock_timeout 5 s) and sees every row of the last refresh,
# through the contract views and in the Citus tables themselves.
reader_counts="SELECT (SELECT count(*) FROM jeugdnorm.care_paths) || ' ' || (SELECT count(*) FROM jeugdnorm.data_quality_rows)
                      || ' ' || (SELECT count(*) FROM jeugdnorm_internal.mv_care_paths)
                      || ' ' || (SELECT count(*) FROM jeugdnorm_internal.mv_data_quality_rows)"
before=$(psql_c -At -c "$reader_counts")
psql_c -c "BEGIN" -c "SELECT count(*) FROM jeugdnorm.refresh()" -c "SELECT pg_sleep(60)" -c "COMMIT" \
    >"$JN_TMP/refresh-held.log" 2>&1 &
held=$!
for _ in $(seq 1 300); do
    n=$(psql_c -At -c "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)' AND state = 'active'")
    [ "$n" = "1" ] && break
    sleep 1
done
during=$(PGOPTIONS="$PGOPTIONS -c lock_timeout=5s" "$JN_BIN/psql" -X -At -d "$JC_DB" -c "$reader_counts" 2>&1 | head -1 || true)
psql_c -At -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'" >/dev/null
wait "$held" || true
if [ "$n" = "1" ] && [ "$during" = "$before" ]; then
    ok "a reader during refresh() (its transaction open, the Citus tables refilled) is not blocked and sees every row ($during)"
else
    bad "a reader during refresh(): [$during], before [$before] (refresh held: $n)"
fi

jn_log "times: build+install $((t_built - t_start)) s, refresh single node ${t_single_refresh} s, refresh cluster ${t_citus_refresh} s, total $(( $(date +%s) - t_start )) s"
if [ -n "${CITUS_KEEP:-}" ]; then
    jn_log "cluster kept: psql -h 127.0.0.1 -p $JC_PORT0 -U postgres $JC_DB (workers $JC_PORT1, $JC_PORT2); stop: source test/scripts/citus-cluster.sh; JN_TMP=$JN_TMP JN_BIN=$JN_BIN jc_cleanup"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
