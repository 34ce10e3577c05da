#!/usr/bin/env bash
# Installs what `make test` / `make demo` need on Debian when it is missing:
# PostgreSQL 15 server + PGXS headers, a C toolchain, and (with --test)
# pgTAP and pg_prove, and for the norm-sheet rendering test headless
# Chromium and pdfinfo (poppler-utils); with --deb the Debian packaging
# tools (make deb).  Uses sudo when not root.  Does nothing when all is there.
set -euo pipefail

want_test=0
want_deb=0
[ "${1:-}" = "--test" ] && want_test=1
[ "${1:-}" = "--deb" ] && want_deb=1

PGMAJOR=${PGMAJOR:-15}
pkgs=()
need() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || pkgs+=("$1"); }

need "postgresql-$PGMAJOR"
need "postgresql-server-dev-$PGMAJOR"
need make
need gcc
need libxml2-dev   # src/pg/ijw.c (raw iJw XML) parses with libxml2
if [ "$want_test" = 1 ]; then
    need "postgresql-$PGMAJOR-pgtap"
    need libtap-parser-sourcehandler-pgtap-perl
    # test/scripts/render-sheets.sh: renders norm sheets to PNG and PDF
    need chromium
    need poppler-utils
fi
if [ "$want_deb" = 1 ]; then
    # make deb / make test-deb: PostgreSQL's Debian packaging tools
    need dpkg-dev
    need debhelper
    need postgresql-server-dev-all
    need libxml2-dev
fi

[ "${#pkgs[@]}" -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${pkgs[*]}" >&2; exit 1; }
    SUDO=sudo
fi
echo "install-deps: installing ${pkgs[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold "${pkgs[@]}" >/dev/null
