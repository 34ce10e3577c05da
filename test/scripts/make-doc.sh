#!/usr/bin/env bash
# make doc: regenerates doc/views-reference.md from the extension as built
# from this tree (throwaway cluster, like make test): every plain view of
# schema jeugdnorm, its comment, and per column type, label_nl and comment
# (test/scripts/views-reference.sql).  One command after adding or changing
# a view; the suite fails while the committed file is stale.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/install-deps.sh"
source "$here/cluster.sh"
trap jn_cleanup EXIT
cd "$JN_ROOT"
jn_setup
jn_start
jn_psql -d postgres -c "CREATE DATABASE jn_doc"
jn_psql -d jn_doc -c "CREATE EXTENSION jeugdnorm"
jn_psql -At -d jn_doc -f test/scripts/views-reference.sql > "$JN_TMP/views-reference.md"
cp "$JN_TMP/views-reference.md" doc/views-reference.md
jn_log "wrote doc/views-reference.md ($(grep -c '^## ' doc/views-reference.md) views)"
