#!/usr/bin/env bash
# make test-deb: the Debian package works.
#   1. builds it (test/scripts/build-deb.sh -> build/deb/*.deb);
#   2. checks what a server without a compiler needs: its Depends name no
#      compiler, headers or -dev package, and (as root) apt resolves them
#      (apt-get install -s: a simulation, nothing is installed);
#   3. installs it into a throwaway root: a private copy of the PostgreSQL
#      installation (as make test uses) with the .deb unpacked over it
#      (dpkg-deb -x), so no file of the system is touched and nothing is
#      built from source;
#   4. starts a throwaway cluster from that copy, runs CREATE EXTENSION
#      jeugdnorm and checks the version, then runs the pg_regress suite
#      (sql/, expected/) against the installed package, as debian/tests/
#      (autopkgtest) does on a real installation.
# JN_DEB_SYSTEM=1 (root, a throwaway machine only) installs the package into
# the system with apt-get and runs debian/tests/installcheck instead of 3-4.
# Prints "test-deb: N passed, M failed".
set -euo pipefail
# refresh() reports each step with a NOTICE; the expected outputs are written
# without them (as in run-tests.sh)
export PGOPTIONS="${PGOPTIONS:-} -c jeugdnorm.progress=off"
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/build-deb.sh"
source "$here/cluster.sh"
cd "$JN_ROOT"
version=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" jeugdnorm.control)
deb=$(ls build/deb/postgresql-15-jeugdnorm_"$version"-1_amd64.deb)
passed=0 failed=0
check() { if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "test-deb: FAILED: $*" >&2; fi; }

depends=$(dpkg-deb -f "$deb" Depends)
jn_log "Depends: $depends"
no_build_deps() { ! grep -Eq 'gcc|clang|make|-dev\b|server-dev' <<<"$depends"; }
check no_build_deps
# apt resolves its dependencies here (a simulation: nothing is installed)
if [ "$(id -u)" -eq 0 ]; then
    apt_ok() { apt-get install -s -qq "./$deb" >/dev/null; }
    check apt_ok
fi

if [ -n "${JN_DEB_SYSTEM:-}" ]; then
    apt-get install -y -qq "./$deb" >/dev/null
    check bash debian/tests/installcheck
else
    trap jn_cleanup EXIT
    bash "$here/install-deps.sh"
    jn_copy_installation
    dpkg-deb -x "$deb" "$JN_INST"
    chmod -R a+rX "$JN_TMP"
    jn_start "lock_timeout = '60s'" "statement_timeout = '600s'"
    jn_psql -d postgres -c "CREATE DATABASE jn_deb"
    ext_ok() {
        [ "$(jn_psql -d jn_deb -tAc "CREATE EXTENSION jeugdnorm; SELECT extversion FROM pg_extension WHERE extname = 'jeugdnorm'")" = "$version" ] &&
        [ "$(jn_psql -d jn_deb -tAc "SELECT (p).path FROM (SELECT unnest(jeugdnorm.care_path(d, d + 9, 'x')) p FROM (VALUES ('2024-01-01'::date)) t(d)) s")" = "x" ]
    }
    check ext_ok
    docs_ok() { [ -s "$JN_INST/usr/share/doc/postgresql-doc-15/extension/jeugdnorm/doc/own-data.md" ]; }
    check docs_ok
    pgxsdir=$(dirname "$($PG_CONFIG --pgxs)")/../..
    mkdir -p "$JN_TMP/regress"
    tests=()
    for f in sql/*.sql; do tests+=("$(basename "$f" .sql)"); done
    set +e
    timeout 1800 "$pgxsdir/src/test/regress/pg_regress" --inputdir=. --outputdir="$JN_TMP/regress" \
        --bindir="$JN_BIN" --host="$PGHOST" --port="$PGPORT" --user=postgres \
        --dbname=jn_deb_regress --load-extension=plpgsql "${tests[@]}" >"$JN_TMP/regress.log" 2>&1
    rc=$?
    set -e
    cat "$JN_TMP/regress.log"
    [ -s "$JN_TMP/regress/regression.diffs" ] && head -100 "$JN_TMP/regress/regression.diffs"
    ok=$(grep -cE '\.\.\. ok|^ok [0-9]+' "$JN_TMP/regress.log" || true)
    bad=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+' "$JN_TMP/regress.log" || true)
    if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
    passed=$((passed + ok)); failed=$((failed + bad))
fi
echo "test-deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
