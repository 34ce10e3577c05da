#!/usr/bin/env bash
# make check-asan: the WHOLE regression suite (everything `make test` runs:
# pg_regress over sql/*.sql and pgTAP over test/*.sql) against a server that
# loads an AddressSanitizer + UndefinedBehaviorSanitizer build of jeugdnorm.so.
# Fails when the suite fails, when a sanitizer reports anything, or when a
# server process crashed.
#
# How:
#   1. The working tree is copied (without .git and build output) to a temp
#      directory and built there, so no instrumented object files ever land in
#      src/core or src/pg (other builds of the same tree never pick them up).  The build uses
#      PGXS's COPT hook, which adds the flags to both compile and link:
#        -fsanitize=address,undefined -fno-sanitize-recover=all
#        -fno-omit-frame-pointer
#      so jeugdnorm.so needs libasan/libubsan (gcc's, Debian libgcc-12-dev).
#   2. The copy's test/scripts/run-tests.sh runs as usual (its own throwaway
#      cluster, the same pg_regress and pg_prove calls); JN_SERVER_ENV (see
#      cluster.sh jn_start) gives the server, and only the server (psql,
#      pg_regress and pg_prove stay uninstrumented):
#        LD_PRELOAD=libasan.so.8:<preload stub>:libubsan.so.1
#        ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:halt_on_error=1:log_path=...
#      PostgreSQL itself is not instrumented, so the ASan runtime must be
#      preloaded (it has to be the first library).  The stub works around two
#      runtime problems (see below) and carries the UBSan options
#      print_stacktrace=1:halt_on_error=1:abort_on_error=1.
#      Leak detection is off because PostgreSQL frees by memory context and
#      exits without freeing.  Heap/stack/global overflows, use-after-free,
#      and undefined behaviour (shifts, misaligned or null access, object
#      size, bool/enum values, out-of-bounds array index, ...) in jeugdnorm's
#      C code abort the backend at once, with a symbolized stack.
#      Signed integer overflow is NOT reported: PostgreSQL builds everything
#      with -fwrapv, which makes it defined behaviour (and our code keeps
#      PostgreSQL's flags); overflow checks in the C code stay the job of the
#      explicit range checks and the fuzz targets' int64 oracles.
#   3. Pass means: the .so really references the ASan and UBSan runtimes,
#      "N passed, 0 failed" with N > 0, run-tests.sh exit 0, no ASan log file,
#      and no crash or sanitizer line ("terminated by signal", "was terminated
#      by", "AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime
#      error:", "PANIC:") in the server log.  Reports are printed in full
#      (stack with file:line of jeugdnorm's code).
#
# Because the .so is linked against libasan, a server without the preload
# could not even load it (CREATE EXTENSION would fail), so a passing run
# proves the sanitizers were active.  The harness was checked against
# deliberate bugs in a scratch copy (not committed): a read one byte past a
# palloc(10000) gave "AddressSanitizer: heap-buffer-overflow ... in
# jn_canary_heap zz_canary.c:12" from the ASan log file; 1 << 40 gave
# "runtime error: shift exponent 40 is too large" with a stack in the server
# log; both made the backend abort (signal 6) and check-asan fail.
#
# Only jeugdnorm's own code is instrumented: palloc'd chunks inside a memory
# context block are not separately poisoned, so an overrun that stays within
# a context block is invisible to ASan (pure-C cores: see `make sanitize` and
# `make fuzz`, where every allocation is a malloc).
#
# Environment: ONLY=prefix as for make test; JN_KEEP=1 keeps the temp
# directory (copy, cluster, logs); PG_CONFIG.
set -euo pipefail
# refresh() reports each step with a NOTICE; the expected outputs are written
# without them (as in run-tests.sh)
export PGOPTIONS="${PGOPTIONS:-} -c jeugdnorm.progress=off"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PG_CONFIG=${PG_CONFIG:-pg_config}
mode=${1:-asan}
[ "$mode" = asan ] || { echo "sanitize-suite: unknown mode '$mode' (only asan)" >&2; exit 2; }

log() { printf '== %s\n' "$*" >&2; }

bash "$here/install-deps.sh" --test

CC_FOR_PG=$($PG_CONFIG --cc 2>/dev/null || echo gcc)
libasan=$($CC_FOR_PG -print-file-name=libasan.so)
libasan=$(readlink -f "$libasan" 2>/dev/null || echo "$libasan")
libubsan=$($CC_FOR_PG -print-file-name=libubsan.so)
libubsan=$(readlink -f "$libubsan" 2>/dev/null || echo "$libubsan")
if [ ! -e "$libasan" ] || [ ! -e "$libubsan" ]; then
    echo "sanitize-suite: $CC_FOR_PG has no libasan.so/libubsan.so (install libgcc-12-dev)" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/jeugdnorm-asan.XXXXXX")
cleanup() {
    if [ -n "${JN_KEEP:-}" ]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
chmod 755 "$work"
mkdir -p "$work/src" "$work/tmp" "$work/san"
# The server writes the sanitizer logs; when we are root it runs as postgres.
chmod 1777 "$work/san"

log "copying the working tree to $work/src"
tar -C "$root" --exclude=./.git --exclude='*.o' --exclude='*.bc' --exclude='*.so' \
    --exclude=./results --exclude=./regression.diffs --exclude=./regression.out -cf - . |
    tar -C "$work/src" -xf -
make -C "$work/src" -s PG_CONFIG="$PG_CONFIG" clean >/dev/null

# A small preload stub, loaded between libasan and libubsan, with two
# definitions:
#   swift_demangle: the ASan runtime is preloaded but, having no dependency
#     relation to them, it is initialised AFTER the constructors of postgres's
#     other libraries; libgpg-error's constructor calls bindtextdomain(), whose
#     malloc() then runs ASan's lazy init while glibc holds the gettext lock
#     (_nl_state_lock).  That init does dlsym(RTLD_DEFAULT, "swift_demangle"),
#     and when the symbol is missing the dlerror() that follows calls gettext,
#     which takes the same lock: every postgres process then hangs in
#     set_pglocale_pgservice (gcc 12 libasan.so.8, glibc 2.36, Debian 12).
#     With the symbol present dlsym succeeds and no gettext happens; returning
#     NULL means "not a Swift name", so symbolization is unchanged.
#   __ubsan_default_options: libubsan reads UBSAN_OPTIONS from
#     /proc/self/environ when it first reports, in a backend, by which time
#     PostgreSQL has overwritten that memory with the process title; it would
#     then ignore print_stacktrace and abort_on_error.  Options compiled in
#     here are always seen.  (UBSan reports go to the server log, stderr;
#     ASan reports to log files in $work/san; both are checked.)
ubsan_options="print_stacktrace=1:halt_on_error=1:abort_on_error=1"
mkdir -p "$work/preload"
cat >"$work/preload/preload_stub.c" <<'EOC'
#include <stddef.h>
#include <stdint.h>
char *swift_demangle(const char *mangled, size_t len, char *out, size_t *outlen, uint32_t flags);
const char *__ubsan_default_options(void);

char *
swift_demangle(const char *mangled, size_t len, char *out, size_t *outlen, uint32_t flags)
{
	return NULL;
}

const char *
__ubsan_default_options(void)
{
	return JN_UBSAN_OPTIONS;
}
EOC
$CC_FOR_PG -shared -fPIC -O1 -DJN_UBSAN_OPTIONS="\"$ubsan_options\"" \
    -o "$work/preload/preload_stub.so" "$work/preload/preload_stub.c"
chmod -R a+rX "$work/preload"
preload="$libasan:$work/preload/preload_stub.so:$libubsan"
if ! timeout 30 env LD_PRELOAD="$preload" ASAN_OPTIONS=detect_leaks=0 \
    "$($PG_CONFIG --bindir)/postgres" -V >/dev/null; then
    echo "sanitize-suite: postgres does not start with $preload preloaded" >&2
    exit 1
fi

export COPT="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
export JN_SERVER_ENV="LD_PRELOAD=$preload \
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:halt_on_error=1:disable_coredump=1:log_path=$work/san/asan \
UBSAN_OPTIONS=$ubsan_options"
# The instrumented server starts a little slower.
export JN_START_TIMEOUT=${JN_START_TIMEOUT:-120}
unset ACCEPT

log "suite against ASan+UBSan jeugdnorm.so (LD_PRELOAD=$libasan)"
set +e
# TMPDIR: the throwaway cluster lands in $work/tmp; JN_KEEP keeps it until
# we have read its server log (our own cleanup removes it).
TMPDIR=$work/tmp JN_KEEP=1 PG_CONFIG="$PG_CONFIG" ONLY="${ONLY:-}" \
    bash "$work/src/test/scripts/run-tests.sh" 2>&1 | tee "$work/suite.log"
suite_rc=${PIPESTATUS[0]}
set -e

problems=0
so=$work/src/jeugdnorm.so
if [ ! -f "$so" ]; then
    echo "sanitize-suite: no jeugdnorm.so was built" >&2
    problems=$((problems + 1))
else
    # (nm's output is read whole: grep -q in a pipe under pipefail can kill
    # nm with SIGPIPE and look like a miss.)
    dynsyms=$(nm -D "$so")
    for sym in __asan_init __ubsan_handle_; do
        if ! grep -q "$sym" <<<"$dynsyms"; then
            echo "sanitize-suite: $so does not reference $sym: not instrumented" >&2
            problems=$((problems + 1))
        fi
    done
fi

result=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/suite.log" | tail -1 || true)
if [ -z "$result" ]; then
    echo "sanitize-suite: the suite printed no 'N passed, M failed' line" >&2
    problems=$((problems + 1))
elif ! [[ $result =~ ^[1-9][0-9]*\ passed,\ 0\ failed$ ]]; then
    echo "sanitize-suite: suite result: $result" >&2
    problems=$((problems + 1))
fi
if [ "$suite_rc" -ne 0 ]; then
    echo "sanitize-suite: run-tests.sh exited with $suite_rc" >&2
    problems=$((problems + 1))
fi

shopt -s nullglob
reports=("$work"/san/*)
if [ "${#reports[@]}" -gt 0 ]; then
    for r in "${reports[@]}"; do
        echo "---- sanitizer report $(basename "$r") ----"
        cat "$r"
    done
    echo "sanitize-suite: ${#reports[@]} sanitizer report(s)" >&2
    problems=$((problems + 1))
fi

serverlogs=("$work"/tmp/jeugdnorm.*/log/server.log)
if [ "${#serverlogs[@]}" -eq 0 ]; then
    echo "sanitize-suite: no server log found" >&2
    problems=$((problems + 1))
fi
for sl in "${serverlogs[@]}"; do
    pat='terminated by signal|was terminated by|AddressSanitizer|UndefinedBehaviorSanitizer|runtime error:|PANIC:'
    if grep -qE "$pat" "$sl"; then
        echo "---- server log around each problem ($sl) ----"
        grep -nE -B2 -A40 "$pat" "$sl" | head -400 || true
        echo "sanitize-suite: crash or sanitizer output in the server log ($sl)" >&2
        problems=$((problems + 1))
    fi
done
# run-tests.sh's own trap has stopped the server already; this is only a
# safety net so that no instrumented server outlives the script.
for d in "$work"/tmp/jeugdnorm.*/data; do
    if [ -f "$d/postmaster.pid" ]; then
        bin=$(dirname "$d")/inst$($PG_CONFIG --bindir)
        if [ "$(id -u)" -eq 0 ]; then
            runuser -u postgres -- "$bin/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1 || true
        else
            "$bin/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1 || true
        fi
    fi
done

if [ "$problems" -ne 0 ]; then
    echo "check-asan: FAILED ($problems problem(s))"
    exit 1
fi
echo "check-asan: $result; no AddressSanitizer/UBSan report, no server crash"
