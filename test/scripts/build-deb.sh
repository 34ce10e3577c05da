#!/usr/bin/env bash
# make deb: the Debian package postgresql-15-jeugdnorm_<version>-1_amd64.deb,
# built with PostgreSQL's Debian tooling (debian/, pg_buildext, dh sequence
# pgxs_loop) in a copy of the tree under build/deb/, so the checkout stays
# clean.  The .deb is written to build/deb/ (dpkg-buildpackage puts it in the
# parent of the source tree it builds).  Installs the build dependencies when
# missing (debhelper, postgresql-server-dev-all, libxml2-dev).
# The build-time regression run is skipped (nocheck): test-deb.sh runs the
# suite against the installed package instead.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bash "$here/install-deps.sh" --deb
cd "$root"
version=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" jeugdnorm.control)
debversion=$(dpkg-parsechangelog -S Version)
case "$debversion" in
    "$version"-*) ;;
    *) echo "build-deb: debian/changelog is at $debversion, jeugdnorm.control at $version" >&2; exit 1 ;;
esac
out=$root/build/deb
rm -rf "$out"
mkdir -p "$out/jeugdnorm-$version"
# the files git knows (committed or not, not ignored): what a clone has
git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf - | tar -xf - -C "$out/jeugdnorm-$version"
( cd "$out/jeugdnorm-$version" &&
  DEB_BUILD_OPTIONS="nocheck ${DEB_BUILD_OPTIONS:-}" dpkg-buildpackage -us -uc -b >"$out/build.log" 2>&1 ) ||
    { tail -60 "$out/build.log" >&2; echo "build-deb: failed, log in $out/build.log" >&2; exit 1; }
ls "$out"/*.deb
