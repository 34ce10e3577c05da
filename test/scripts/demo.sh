#!/usr/bin/env bash
# make demo: the main job on an embedded default.
#   installs what is missing, builds, starts a throwaway cluster, creates the
#   extension, generates the demo region (seed 42, scale 1: ~9,000 clients,
#   ~25,000 allocations, ~270,000 claim lines, ~19,000 requests, 7
#   municipalities), refreshes the materialised paths and prints what the
#   region holds and the analyses, the section-9 steering views included
#   (request lead times, waiting list, ending reasons, referrals, flow per
#   wijk and per kader, data quality; each where it is installed), and
#   writes the norm sheets (one HTML page per product, doc/norm-sheets.md)
#   into DEMO_SHEETS (default demo-sheets/ in the source tree), printed at
#   the end.
# By default the cluster is stopped and removed at the end.  With KEEP=1
# (make demo KEEP=1) it keeps running and the last line says how to connect;
# stop it with the pg_ctl command printed next to it.
# DEMO_SEED and DEMO_SCALE change the region.  DEMO_IJW=1 loads the region
# through raw iJw XML messages and load_ijw() instead of rows (doc/ijw.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/install-deps.sh"
source "$here/cluster.sh"
if [ -z "${KEEP:-}" ]; then trap jn_cleanup EXIT; fi
cd "$JN_ROOT"

jn_setup
jn_start
jn_psql -d postgres -c "CREATE DATABASE jeugdnorm_demo"
export PGDATABASE=jeugdnorm_demo
jn_log "generating the demo region (seed ${DEMO_SEED:-42}, scale ${DEMO_SCALE:-1})"
jn_psql -c "CREATE EXTENSION jeugdnorm"
jn_psql -f test/generator/demo_region.sql
jn_psql -P pager=off -c "SELECT * FROM jeugdnorm_demo.generate(${DEMO_SEED:-42}, ${DEMO_SCALE:-1})"
if [ -n "${DEMO_IJW:-}" ]; then
    # the same region through raw iJw XML (doc/ijw.md): written as messages,
    # the input tables emptied, and loaded back with load_ijw()
    jn_log "writing the region as iJw messages and loading them with load_ijw()"
    jn_psql -f test/generator/demo_ijw.sql
    jn_psql -c "SELECT jeugdnorm.set_pseudonym_key('demo key, not secret: 0123456789abcdef')" \
            -c "SELECT jeugdnorm_demo.ijw_normalise()" \
            -c "SELECT jeugdnorm_demo.ijw_messages() AS messages" \
            -c "TRUNCATE jeugdnorm.toewijzing, jeugdnorm.declaratie, jeugdnorm.verzoek"
    jn_psql -P pager=off -c "SELECT * FROM jeugdnorm.load_ijw()"
fi
if jn_psql -tAc "SELECT 1 FROM pg_proc WHERE proname = 'refresh' AND pronamespace = 'jeugdnorm'::regnamespace" | grep -q 1; then
    jn_log "refreshing the materialised paths"
    jn_psql -P pager=off -c "SELECT * FROM jeugdnorm.refresh()"
fi
jn_psql -P pager=off -f test/generator/summary.sql
if [ -f test/scripts/demo-analyses.sql ]; then
    jn_psql -P pager=off -f test/scripts/demo-analyses.sql
fi

# Norm sheets (doc/norm-sheets.md): one HTML page per product with completed
# paths, written by psql itself (\o per sheet) into DEMO_SHEETS (default
# demo-sheets/ in the source tree, ignored by git), which outlives the
# throwaway cluster.
sheets_dir=""
if jn_psql -tAc "SELECT 1 FROM pg_proc WHERE proname = 'norm_sheets' AND pronamespace = 'jeugdnorm'::regnamespace" | grep -q 1; then
    sheets_dir=${DEMO_SHEETS:-$JN_ROOT/demo-sheets}
    mkdir -p "$sheets_dir"
    sheets_dir=$(cd "$sheets_dir" && pwd)
    jn_log "writing the norm sheets to $sheets_dir"
    (cd "$sheets_dir" && jn_psql -At <<'SQL'
CREATE TEMP TABLE sheets AS SELECT * FROM jeugdnorm.norm_sheets();
SELECT format(E'\\o %s.html\nSELECT html FROM sheets WHERE product = %L;',
              regexp_replace(product, '[^A-Za-z0-9._-]', '_', 'g'), product)
  FROM sheets ORDER BY product \g write-sheets.psql
\i write-sheets.psql
\o
SQL
    rm -f write-sheets.psql)
fi

if [ -n "${KEEP:-}" ]; then
    echo
    echo "The demo cluster keeps running. Connect with:"
    echo "  psql -h $JN_SOCK -p $PGPORT -U postgres jeugdnorm_demo"
    if [ "$(id -u)" -eq 0 ]; then
        echo "Stop and remove it with:"
        echo "  runuser -u postgres -- $JN_BIN/pg_ctl -D $JN_DATA stop && rm -rf $JN_TMP"
    else
        echo "Stop and remove it with:"
        echo "  $JN_BIN/pg_ctl -D $JN_DATA stop && rm -rf $JN_TMP"
    fi
else
    echo
    echo "Done; the throwaway cluster is stopped and removed (make demo KEEP=1 keeps it running)."
fi
if [ -n "$sheets_dir" ]; then
    echo "Norm sheets of the demo region ($(find "$sheets_dir" -maxdepth 1 -name '*.html' | wc -l) HTML pages, one per product; open in a browser, print on A4):"
    echo "  $sheets_dir"
fi
