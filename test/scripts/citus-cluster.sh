# Sourced by run-citus-tests.sh and bench: a throwaway 3-node Citus cluster
# (a coordinator and two workers) on this machine.  Builds on cluster.sh
# (the private copy of the PostgreSQL installation with jeugdnorm in it).
#
#   jc_build_citus   builds Citus $JC_CITUS_VERSION from the vendored
#                    source tarball into a private cache, once:
#                    $JC_CACHE/citus-$JC_CITUS_VERSION-pg$PGMAJOR/dest is a
#                    `make install DESTDIR=` tree (usr/lib/postgresql/15/lib/
#                    citus.so, usr/share/postgresql/15/extension/citus*).
#                    Nothing in /usr is touched; a second run reuses it.
#   jc_setup         the private installation ($JN_INST, cluster.sh) with
#                    jeugdnorm built into it and the cached Citus copied in.
#   jc_start         initdb + start three servers on free local TCP ports
#                    (127.0.0.1; Citus nodes talk TCP), each with
#                    shared_preload_libraries = 'citus', as the non-root
#                    server user; creates database $JC_DB on every node with
#                    CREATE EXTENSION citus, and adds the workers from the
#                    coordinator.  Sets JC_PORT0 (coordinator), JC_PORT1,
#                    JC_PORT2 (workers) and PGHOST/PGPORT for the coordinator.
#   jc_cleanup       stops the three servers and removes the temp directory
#                    (JN_KEEP=1 keeps it); callers trap it.
#
# Citus 12.1 is not packaged for Debian 12: the build needs
# postgresql-server-dev-15, a C compiler and the headers of zstd, lz4, krb5
# and openssl (jc_build_deps installs them, as install-deps.sh does; configure
# --without-zstd is not enough: PostgreSQL's own pg_config.h turns zstd on).
# LLVM bitcode is not built (with_llvm=no), which halves the compile time;
# JIT is off on the test nodes anyway.

here_jc=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=cluster.sh
source "$here_jc/cluster.sh"

JC_CITUS_VERSION=${JC_CITUS_VERSION:-12.1.12}
JC_TARBALL=${JC_TARBALL:-$JN_ROOT/../shared/vendor/citus-$JC_CITUS_VERSION.tar.gz}
JC_CACHE=${JC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jeugdnorm-citus}
JC_DB=${JC_DB:-jn_citus}

jc_citus_dir() {
    local major
    major=$($PG_CONFIG --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
    echo "$JC_CACHE/citus-$JC_CITUS_VERSION-pg$major"
}

jc_build_deps() {
    local pkgs=() p
    for p in build-essential libzstd-dev liblz4-dev libkrb5-dev libssl-dev; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || pkgs+=("$p")
    done
    [ "${#pkgs[@]}" -eq 0 ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "citus-cluster: need root or sudo to install: ${pkgs[*]}" >&2; return 1; }
        sudo=sudo
    fi
    jn_log "citus build: installing ${pkgs[*]}"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confold "${pkgs[@]}" >/dev/null
}

jc_build_citus() {
    local dir src t0
    dir=$(jc_citus_dir)
    if [ -f "$dir/dest/.complete" ]; then
        jn_log "citus $JC_CITUS_VERSION: cached in $dir/dest"
        return 0
    fi
    [ -f "$JC_TARBALL" ] || { echo "citus-cluster: no source tarball $JC_TARBALL" >&2; return 1; }
    jc_build_deps
    t0=$(date +%s)
    jn_log "citus $JC_CITUS_VERSION: building from $JC_TARBALL into $dir (a few minutes, once)"
    rm -rf "$dir"
    mkdir -p "$dir"
    tar xzf "$JC_TARBALL" -C "$dir"
    src=$dir/citus-$JC_CITUS_VERSION
    (
        cd "$src"
        ./configure PG_CONFIG="$(command -v "$PG_CONFIG")" --without-libcurl >"$dir/configure.log" 2>&1
        make -j"$(nproc)" with_llvm=no >"$dir/make.log" 2>&1
        make with_llvm=no install DESTDIR="$dir/dest" >"$dir/install.log" 2>&1
    ) || { echo "citus-cluster: citus build failed; logs in $dir" >&2; tail -n 30 "$dir"/*.log >&2; return 1; }
    rm -rf "$src"
    touch "$dir/dest/.complete"
    jn_log "citus $JC_CITUS_VERSION: built in $(( $(date +%s) - t0 )) s"
}

jc_setup() {
    jc_build_citus
    jn_setup
    cp -a "$(jc_citus_dir)/dest/usr/." "$JN_INST/usr/"
    chmod -R a+rX "$JN_TMP"
}

# jc_free_port: a TCP port on 127.0.0.1 nobody listens on.
jc_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# jc_start_node N PORT [extra settings...]
jc_start_node() {
    local n=$1 port=$2 data=$JN_TMP/node$1
    shift 2
    mkdir -p "$data" "$JN_TMP/log"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$data" "$JN_TMP/log"; fi
    jn_as_server_user "$JN_BIN/initdb" -D "$data" -U postgres -A trust \
        --no-sync -E UTF8 --locale=C.UTF-8 >"$JN_TMP/initdb$n.log" 2>&1 ||
        { cat "$JN_TMP/initdb$n.log" >&2; return 1; }
    {
        echo "listen_addresses = '127.0.0.1'"
        echo "unix_socket_directories = '$JN_TMP/sock$n'"
        echo "port = $port"
        echo "shared_preload_libraries = 'citus'"
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
        echo "max_connections = 100"
        echo "max_worker_processes = 16"
        echo "max_parallel_workers_per_gather = 0"
        echo "jit = off"
        echo "lc_messages = 'C'"
        echo "citus.enable_statistics_collection = off"
        for s in "$@"; do echo "$s"; done
    } >>"$data/postgresql.conf"
    mkdir -p "$JN_TMP/sock$n"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$JN_TMP/sock$n"; fi
    jn_as_server_user "$JN_BIN/pg_ctl" -D "$data" -l "$JN_TMP/log/node$n.log" -w -t 60 start >/dev/null ||
        { cat "$JN_TMP/log/node$n.log" >&2; return 1; }
}

# jc_start [extra postgres settings for every node...]
jc_start() {
    JC_PORT0=$(jc_free_port)
    JC_PORT1=$(jc_free_port)
    JC_PORT2=$(jc_free_port)
    local n port
    for n in 0 1 2; do
        eval "port=\$JC_PORT$n"
        jn_log "node $n: initdb + start on 127.0.0.1:$port"
        jc_start_node "$n" "$port" "$@"
        JC_NODES_STARTED=$n
    done
    for n in 0 1 2; do
        eval "port=\$JC_PORT$n"
        jn_psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE $JC_DB"
        jn_psql -h 127.0.0.1 -p "$port" -U postgres -d "$JC_DB" -c "CREATE EXTENSION citus"
    done
    jn_psql -h 127.0.0.1 -p "$JC_PORT0" -U postgres -d "$JC_DB" >/dev/null <<SQL
SELECT citus_set_coordinator_host('127.0.0.1', $JC_PORT0);
SELECT citus_add_node('127.0.0.1', $JC_PORT1);
SELECT citus_add_node('127.0.0.1', $JC_PORT2);
SQL
    export PGHOST=127.0.0.1 PGPORT=$JC_PORT0 PGUSER=postgres
    unset PGDATABASE PGPASSWORD PGSERVICE
}

jc_cleanup() {
    local n
    for n in 0 1 2; do
        if [ -n "${JN_TMP:-}" ] && [ -f "$JN_TMP/node$n/postmaster.pid" ]; then
            jn_as_server_user "$JN_BIN/pg_ctl" -D "$JN_TMP/node$n" -m immediate -w stop >/dev/null 2>&1 || true
        fi
    done
    jn_cleanup
}
