#!/usr/bin/env bash
# make demo: the main job on an embedded default.
#   installs what is missing, builds, starts a throwaway cluster, creates the
#   extension, generates the demo region (seed 42, scale 1: ~9,000 clients,
#   ~25,000 allocations, ~270,000 claim lines, ~19,000 requests, 7
#   municipalities), refreshes the materialised paths and prints what the
#   region holds and the analyses, the section-9 steering views included
#   (request lead times, waiting list, ending reasons, referrals, flow per
#   wijk and per kader, data quality; each where it is installed).
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
