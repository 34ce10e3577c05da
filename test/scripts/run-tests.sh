#!/usr/bin/env bash
# make test: the whole suite on a throwaway cluster.
#   1. installs what is missing (PostgreSQL 15, PGXS headers, pgTAP, pg_prove,
#      chromium and poppler-utils for the rendering test)
#   2. builds with -Wall -Wextra (-Werror when WERROR=1, as CI sets it) and
#      installs into a private copy
#   3. initdb + start in a temp dir (own socket dir, no TCP; non-root server)
#   4. pg_regress over sql/*.sql (expected/*.out), pgTAP over test/*.sql,
#      then the norm sheets rendered in headless Chromium (render-sheets.sh)
#   5. checks the documentation and release files: doc/views-reference.md is
#      what `make doc` generates now, META.json validates; lint: comments
#      name only identifiers that exist (test/lint/*.pl), one test per script
#   6. prints "N passed, M failed" (regression files + pgTAP assertions +
#      rendering checks + those checks)
# The cluster is stopped and removed on every exit, failure included.
# ONLY=prefix runs just sql/prefix*.sql and test/prefix*.sql (ONLY=render:
# just the rendering test).
# ACCEPT=1 copies pg_regress results to expected/ (then review git diff).
# JN_KEEP=1 keeps the temp directory (data, logs, diffs) for inspection.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/install-deps.sh" --test
source "$here/cluster.sh"
trap jn_cleanup EXIT
cd "$JN_ROOT"

jn_setup
# A test must never hang CI: lock waits and single statements are bounded.
jn_start "lock_timeout = '60s'" "statement_timeout = '600s'"

only=${ONLY:-}
# refresh() reports each step with a NOTICE; the suite silences them (the
# expected outputs would list every step of every refresh).
# sql/81_refresh_progress.sql switches them on and checks them.
export PGOPTIONS="${PGOPTIONS:-} -c jeugdnorm.progress=off"
passed=0
failed=0

# --- pg_regress -----------------------------------------------------------
regress_tests=()
for f in sql/${only}*.sql; do
    [ -e "$f" ] && regress_tests+=("$(basename "$f" .sql)")
done
if [ "${#regress_tests[@]}" -gt 0 ]; then
    jn_log "pg_regress: ${#regress_tests[@]} files"
    pgxsdir=$(dirname "$($PG_CONFIG --pgxs)")/../..
    mkdir -p "$JN_TMP/regress"
    set +e
    timeout 1800 "$pgxsdir/src/test/regress/pg_regress" --inputdir=. --outputdir="$JN_TMP/regress" \
        --bindir="$JN_BIN" --host="$PGHOST" --port="$PGPORT" --user=postgres \
        --dbname=jn_regress "${regress_tests[@]}" >"$JN_TMP/regress.log" 2>&1
    rc=$?
    set -e
    cat "$JN_TMP/regress.log"
    ok=$(grep -cE '\.\.\. ok|^ok [0-9]+' "$JN_TMP/regress.log" || true)
    bad=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+' "$JN_TMP/regress.log" || true)
    if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
    if [ -s "$JN_TMP/regress/regression.diffs" ]; then
        echo "---- regression.diffs (first 300 lines) ----"
        head -300 "$JN_TMP/regress/regression.diffs"
    fi
    if [ -n "${ACCEPT:-}" ]; then
        # Developer aid: take the actual output as the new expectation.
        # Review every changed expected/*.out with git diff before committing.
        for t in "${regress_tests[@]}"; do
            cp "$JN_TMP/regress/results/$t.out" "expected/$t.out"
        done
        jn_log "ACCEPT: copied results to expected/ -- review with git diff"
    fi
    passed=$((passed + ok))
    failed=$((failed + bad))
fi

# --- pgTAP ------------------------------------------------------------------
tap_tests=()
for f in test/${only}*.sql; do
    [ -e "$f" ] && tap_tests+=("$f")
done
if [ "${#tap_tests[@]}" -gt 0 ]; then
    jn_log "pgTAP: ${#tap_tests[@]} files"
    jn_psql -d postgres -c "CREATE DATABASE jn_tap"
    jn_psql -d jn_tap -c "CREATE EXTENSION pgtap"
    set +e
    PATH="$JN_BIN:$PATH" timeout 1800 pg_prove --verbose --failures --dbname jn_tap "${tap_tests[@]}" >"$JN_TMP/tap.log" 2>&1
    rc=$?
    set -e
    grep -vE '^ok [0-9]+' "$JN_TMP/tap.log" || true
    ok=$(grep -cE '^ok [0-9]+' "$JN_TMP/tap.log" || true)
    bad=$(grep -cE '^not ok [0-9]+' "$JN_TMP/tap.log" || true)
    if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
    passed=$((passed + ok))
    failed=$((failed + bad))
fi

# --- documentation and release files -----------------------------------------
# doc/views-reference.md is generated from the installed extension (make
# doc): regenerate it here and fail when the committed file differs.
# META.json must be a valid PGXN Meta Spec 1.0.0 document.
if [ -z "$only" ] || [[ "doc" == "$only"* ]]; then
    jn_log "doc checks: views-reference.md, META.json"
    jn_psql -d postgres -c "CREATE DATABASE jn_doc"
    jn_psql -d jn_doc -c "CREATE EXTENSION jeugdnorm"
    jn_psql -At -d jn_doc -f test/scripts/views-reference.sql > "$JN_TMP/views-reference.md"
    if diff -u doc/views-reference.md "$JN_TMP/views-reference.md" > "$JN_TMP/views-reference.diff"; then
        echo "ok - doc/views-reference.md is up to date"
        passed=$((passed + 1))
    else
        echo "not ok - doc/views-reference.md is stale: run 'make doc' and commit it"
        head -60 "$JN_TMP/views-reference.diff"
        failed=$((failed + 1))
    fi
    if bash test/scripts/check-meta.sh; then
        echo "ok - META.json is a valid PGXN Meta Spec 1.0.0 document"
        passed=$((passed + 1))
    else
        echo "not ok - META.json"
        failed=$((failed + 1))
    fi
fi

# --- rendering: norm sheets in headless Chromium (test/scripts/render-sheets.sh) ---
# Its TAP lines count like pgTAP's.  Runs with the whole suite and with
# ONLY=render (a prefix of render-sheets).
if [ -z "$only" ] || [[ "render-sheets" == "$only"* ]]; then
    jn_log "rendering: norm sheets in headless Chromium"
    set +e
    JN_BIN="$JN_BIN" timeout 900 bash "$here/render-sheets.sh" >"$JN_TMP/render.log" 2>&1
    rc=$?
    set -e
    grep -vE '^ok [0-9]+' "$JN_TMP/render.log" || true
    ok=$(grep -cE '^ok [0-9]+' "$JN_TMP/render.log" || true)
    bad=$(grep -cE '^not ok [0-9]+' "$JN_TMP/render.log" || true)
    if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
    passed=$((passed + ok))
    failed=$((failed + bad))
fi

# --- lint (no server needed; runs with the whole suite or ONLY=lint) -------
if [ -z "$only" ] || [[ lint == "$only"* ]]; then
    for f in test/lint/*.pl; do
        [ -e "$f" ] || continue
        if PG_CONFIG=$PG_CONFIG perl "$f" "$JN_ROOT"; then
            passed=$((passed + 1))
        else
            echo "FAILED: $f"
            failed=$((failed + 1))
        fi
    done
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
