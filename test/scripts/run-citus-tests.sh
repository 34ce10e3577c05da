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
#      jeugdnorm.distribute(), the same rows copied in through the
#      coordinator, refresh();
#   5. every contract view (every view of schema jeugdnorm) is compared:
#      row count and md5 of the ordered rows in both databases (one TAP line
#      per view), then test/citus/*.sql (pgTAP) run on jn_citus;
#   6. prints "N passed, M failed" like make test.
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
# dependency order (budgetplafond before staffel); settings by UPDATE
tables="aanbieder product norm contract product_mapping wijk indexatie gemeente_jaar capaciteit
        budgetplafond staffel toewijzing declaratie verzoek"
for t in $tables; do
    psql_s -c "\\copy jeugdnorm.$t TO '$JN_TMP/$t.copy'"
    psql_c -c "\\copy jeugdnorm.$t FROM '$JN_TMP/$t.copy'"
done
psql_s -At -c "SELECT format('UPDATE jeugdnorm.settings SET window_start = %L, peildatum = %L, extension_days = %s, recidive_days = %s, path_gap_days = %s, max_age = %s, drop_net_zero = %L, lead_time_target_days = %s',
                             window_start, peildatum, extension_days, recidive_days, path_gap_days,
                             coalesce(max_age::text, 'NULL'), drop_net_zero, lead_time_target_days)
                 FROM jeugdnorm.settings" >"$JN_TMP/settings.sql"
psql_c -f "$JN_TMP/settings.sql"
# the serial ids go on after the copied ones, as on the single node
psql_c -At -c "SELECT setval(pg_get_serial_sequence('jeugdnorm.' || t, c), coalesce(m, 0) + 1, false)
                 FROM (VALUES ('declaratie', 'declaratie_id', (SELECT max(declaratie_id) FROM jeugdnorm.declaratie)),
                              ('norm', 'norm_id', (SELECT max(norm_id) FROM jeugdnorm.norm)),
                              ('contract', 'contract_id', (SELECT max(contract_id) FROM jeugdnorm.contract)),
                              ('product_mapping', 'product_mapping_id', (SELECT max(product_mapping_id) FROM jeugdnorm.product_mapping)),
                              ('budgetplafond', 'plafond_id', (SELECT max(plafond_id) FROM jeugdnorm.budgetplafond)))
                      AS x(t, c, m)" >/dev/null
jn_log "jn_citus: refresh()"
t0=$(date +%s)
if psql_c -P pager=off -c "SELECT * FROM jeugdnorm.refresh()" >"$JN_TMP/citus-refresh.log" 2>&1; then
    ok "refresh() on the cluster"
else
    bad "refresh() on the cluster"
    cat "$JN_TMP/citus-refresh.log"
fi
t_citus_refresh=$(( $(date +%s) - t0 ))

# --- 5. every contract view: the same rows --------------------------------------
jn_log "comparing every view of schema jeugdnorm"
views=$(psql_s -At -c "SELECT c.relname FROM pg_class c
                        WHERE c.relnamespace = 'jeugdnorm'::regnamespace AND c.relkind = 'v'
                        ORDER BY 1")
sig() {
    # count and md5 of the ordered rows (text images), or the error's first line
    "$JN_BIN/psql" -X -At -d "$1" -c "SELECT count(*) || ' ' || coalesce(md5(string_agg(r, E'\n' ORDER BY r)), '-')
                                        FROM (SELECT t::text AS r FROM jeugdnorm.$2 t) x" 2>&1 | head -1
}
for v in $views; do
    a=$(sig jn_single "$v")
    b=$(sig "$JC_DB" "$v")
    if [ "$a" = "$b" ]; then
        ok "view $v: the same rows on the cluster ($a)"
    else
        bad "view $v: single node [$a], cluster [$b]"
    fi
done

# --- 6. the distributed suite ---------------------------------------------------
tap_tests=()
for f in test/citus/*.sql; do
    [ -e "$f" ] && tap_tests+=("$f")
done
if [ "${#tap_tests[@]}" -gt 0 ]; then
    psql_c -c "CREATE EXTENSION IF NOT EXISTS pgtap"
    set +e
    PATH="$JN_BIN:$PATH" JC_PORT1=$JC_PORT1 JC_PORT2=$JC_PORT2 timeout 1800 \
        pg_prove --verbose --failures --dbname "$JC_DB" \
        --set "worker1=$JC_PORT1" --set "worker2=$JC_PORT2" "${tap_tests[@]}" >"$JN_TMP/tap.log" 2>&1
    rc=$?
    set -e
    grep -vE '^ok [0-9]+' "$JN_TMP/tap.log" || true
    n_ok=$(grep -cE '^ok [0-9]+' "$JN_TMP/tap.log" || true)
    n_bad=$(grep -cE '^not ok [0-9]+' "$JN_TMP/tap.log" || true)
    if [ "$rc" -ne 0 ] && [ "$n_bad" -eq 0 ]; then n_bad=1; fi
    passed=$((passed + n_ok))
    failed=$((failed + n_bad))
fi

jn_log "times: build+install $((t_built - t_start)) s, refresh single node ${t_single_refresh} s, refresh cluster ${t_citus_refresh} s, total $(( $(date +%s) - t_start )) s"
if [ -n "${CITUS_KEEP:-}" ]; then
    jn_log "cluster kept: psql -h 127.0.0.1 -p $JC_PORT0 -U postgres $JC_DB (workers $JC_PORT1, $JC_PORT2); stop: source test/scripts/citus-cluster.sh; JN_TMP=$JN_TMP JN_BIN=$JN_BIN jc_cleanup"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
