# Sourced by run-tests.sh, demo.sh and bench: a throwaway PostgreSQL cluster.
#
# Everything lives in one temp directory $JN_TMP:
#   $JN_TMP/inst   a private copy of the PostgreSQL installation with
#                  jeugdnorm installed into it (make install DESTDIR=...), so
#                  no root is needed for the extension, nothing in /usr is
#                  touched, and concurrent runs never see each other's build;
#   $JN_TMP/data   the cluster (initdb), owned by the user the server runs as
#                  (postgres when we are root: the server refuses root);
#   $JN_TMP/sock   the unix-socket directory; no TCP listener at all.
# jn_cleanup stops the server and removes the directory; callers trap it.

JN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_CONFIG=${PG_CONFIG:-pg_config}

jn_log() { printf '== %s\n' "$*" >&2; }

jn_as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# jn_setup: copy the installation, build + install jeugdnorm into it.
jn_setup() {
    jn_copy_installation
    jn_log "building jeugdnorm"
    make -C "$JN_ROOT" -s PG_CONFIG="$PG_CONFIG" >&2
    make -C "$JN_ROOT" -s PG_CONFIG="$PG_CONFIG" install DESTDIR="$JN_INST" >&2
    chmod -R a+rX "$JN_TMP"
}

# jn_copy_installation: $JN_TMP with a private copy of the PostgreSQL
# installation in $JN_INST (test-deb.sh unpacks the .deb into it instead of
# building).
jn_copy_installation() {
    local bindir pkglibdir sharedir
    bindir=$($PG_CONFIG --bindir)
    pkglibdir=$($PG_CONFIG --pkglibdir)
    sharedir=$($PG_CONFIG --sharedir)
    JN_TMP=$(mktemp -d "${TMPDIR:-/tmp}/jeugdnorm.XXXXXX")
    chmod 755 "$JN_TMP"
    JN_INST=$JN_TMP/inst
    # PostgreSQL finds its share and lib directories relative to its own
    # binary, so a copy of the tree under another prefix is self-contained.
    mkdir -p "$JN_INST$bindir" "$JN_INST$pkglibdir" "$JN_INST$sharedir"
    cp -a "$bindir/." "$JN_INST$bindir/"
    cp -a "$pkglibdir/." "$JN_INST$pkglibdir/"
    cp -a "$sharedir/." "$JN_INST$sharedir/"
    JN_BIN=$JN_INST$bindir
}

# jn_start [extra postgres -c settings...]
jn_start() {
    JN_DATA=$JN_TMP/data
    JN_SOCK=$JN_TMP/sock
    mkdir -p "$JN_DATA" "$JN_SOCK" "$JN_TMP/log"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$JN_DATA" "$JN_SOCK" "$JN_TMP/log"; fi
    jn_log "initdb in $JN_DATA"
    jn_as_server_user "$JN_BIN/initdb" -D "$JN_DATA" -U postgres -A trust \
        --no-sync -E UTF8 --locale=C.UTF-8 >"$JN_TMP/initdb.log" 2>&1 ||
        { cat "$JN_TMP/initdb.log" >&2; return 1; }
    {
        echo "listen_addresses = ''"
        echo "unix_socket_directories = '$JN_SOCK'"
        echo "port = 5432"
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
        echo "max_worker_processes = 8"
        echo "max_parallel_workers = 4"
        echo "max_parallel_workers_per_gather = 2"
        echo "lc_messages = 'C'"
        for s in "$@"; do echo "$s"; done
    } >>"$JN_DATA/postgresql.conf"
    # JN_SERVER_ENV: optional extra environment for the server only, as
    # space-separated VAR=value words (test/scripts/sanitize-suite.sh uses
    # it for LD_PRELOAD=libasan and ASAN_OPTIONS); clients never see it.
    local -a server_env=()
    if [ -n "${JN_SERVER_ENV:-}" ]; then read -r -a server_env <<<"$JN_SERVER_ENV"; fi
    jn_as_server_user env "${server_env[@]}" \
        "$JN_BIN/pg_ctl" -D "$JN_DATA" -l "$JN_DATA/../log/server.log" -w -t "${JN_START_TIMEOUT:-60}" start >/dev/null ||
        { cat "$JN_TMP/log/server.log" >&2; return 1; }
    export PGHOST=$JN_SOCK PGPORT=5432 PGUSER=postgres
    unset PGDATABASE PGPASSWORD PGSERVICE
}

jn_cleanup() {
    if [ -n "${JN_DATA:-}" ] && [ -f "$JN_DATA/postmaster.pid" ]; then
        jn_as_server_user "$JN_BIN/pg_ctl" -D "$JN_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ -n "${JN_TMP:-}" ] && [ -d "$JN_TMP" ]; then
        if [ -n "${JN_KEEP:-}" ]; then jn_log "kept $JN_TMP"; else rm -rf "$JN_TMP"; fi
    fi
}

jn_psql() { "$JN_BIN/psql" -X -v ON_ERROR_STOP=1 -q "$@"; }
