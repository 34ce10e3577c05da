# test/fuzz/fuzz.mk -- fuzzing and sanitizer targets for the pure-C cores
# (included by the top-level Makefile; not part of `make test`, because it
# needs clang and libFuzzer, which test/scripts/install-deps.sh does not
# install).
#
#   make fuzz          libFuzzer (+ ASan + UBSan) on each target for
#                      FUZZ_SECONDS (default 60) seconds, starting from the
#                      seed corpus in test/fuzz/corpus/<target>.
#   make fuzz-smoke    the same, ~6 seconds per target (~20 s in all).
#   make sanitize      the pure-C cores built with -fsanitize=address,undefined
#                      (no libFuzzer) and run over the seed corpus plus
#                      SANITIZE_RUNS (default 20000) deterministic
#                      pseudo-random inputs per target: same inputs every run,
#                      any sanitizer report or failed check stops make.
#
# Targets: fuzz_codes (code-list lookups on arbitrary bytes), fuzz_dates
# (is_extension / recidive / allocated_volume plan / overlap_share /
# follow-up step on any int32 dates and bounds, infinities included, checked
# against independent int64 formulas, and follow_up_agg's whole-group
# classifier against the step), fuzz_path (care-path sort + merge +
# label collapse, checked against a naive rebuild and a shuffled copy),
# fuzz_dq_lines (data-quality line sort, copies and line flags of one
# allocation key, checked against a naive comparator and the flags'
# definitions).
#
# The SQL faces in src/pg (ereport, palloc, numeric) are not fuzzed here:
# they only translate arguments and map jn_status to SQLSTATEs (pg/error.c,
# jn_report); the pg_regress and
# pgTAP suites cover them.  A valgrind run of the regression suite was not
# set up (it needs a valgrind-instrumented server build).
#
# clang and the libFuzzer runtime come from Debian (clang, libclang-rt-14-dev);
# fuzz-deps installs them with apt-get when they are missing.
# Build output goes to FUZZ_BUILD (outside the tree), corpora grown by
# libFuzzer to FUZZ_BUILD/corpus-<target> (the seeds in git stay as they are).

FUZZ_DIR     := test/fuzz
FUZZ_BUILD   ?= $(or $(TMPDIR),/tmp)/jeugdnorm-fuzz
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := fuzz_codes fuzz_dates fuzz_path fuzz_dq_lines
FUZZ_CORES   := $(sort $(wildcard src/core/*.c))
FUZZ_HEADERS := $(sort $(wildcard src/core/*.h))
FUZZ_CFLAGS  := -g -O1 -Isrc -I$(FUZZ_DIR) -Wall -Wextra -Werror -fno-omit-frame-pointer
SANITIZE_RUNS ?= 20000

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-deps sanitize

fuzz-deps:
	@if ! command -v $(FUZZ_CC) >/dev/null 2>&1 || \
	    ! echo 'int LLVMFuzzerTestOneInput(const char *d, long s){return 0;}' | \
	      $(FUZZ_CC) -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1; then \
	    echo "fuzz-deps: installing clang and libclang-rt-14-dev" >&2; \
	    SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	    $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >/dev/null; \
	fi

$(FUZZ_BUILD)/fuzzer/%: $(FUZZ_DIR)/%.c $(FUZZ_DIR)/fuzz_common.h $(FUZZ_CORES) $(FUZZ_HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o $@ $< $(FUZZ_CORES)

$(FUZZ_BUILD)/sanitize/%: $(FUZZ_DIR)/%.c $(FUZZ_DIR)/sanitize_driver.c $(FUZZ_DIR)/fuzz_common.h $(FUZZ_CORES) $(FUZZ_HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -o $@ $< $(FUZZ_DIR)/sanitize_driver.c $(FUZZ_CORES)

fuzz-build: fuzz-deps $(addprefix $(FUZZ_BUILD)/fuzzer/,$(FUZZ_TARGETS))

# Each target runs with a fresh working corpus seeded from git; -max_len
# keeps inputs small enough for many iterations; a crash or failed CHECK
# leaves the reproducer in FUZZ_BUILD and fails make.
fuzz: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	    c=$(FUZZ_BUILD)/corpus-$${t#fuzz_}; mkdir -p $$c; \
	    cp $(FUZZ_DIR)/corpus/$${t#fuzz_}/* $$c/ 2>/dev/null || true; \
	    echo "== $$t for $(FUZZ_SECONDS) s"; \
	    rc=0; (cd $(FUZZ_BUILD) && ./fuzzer/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	        -print_final_stats=1 $$c >$(FUZZ_BUILD)/$$t.log 2>&1) || rc=$$?; \
	    grep -E 'stat::number_of_executed_units|Done [0-9]+ runs|ERROR|SUMMARY|check failed' $(FUZZ_BUILD)/$$t.log || true; \
	    if [ $$rc -ne 0 ]; then echo "$$t failed (exit $$rc): see $(FUZZ_BUILD)/$$t.log" >&2; exit 1; fi; \
	done; echo "fuzz: no crash, no sanitizer report"

fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=6

sanitize: $(addprefix $(FUZZ_BUILD)/sanitize/,$(FUZZ_TARGETS))
	@set -e; for t in $(FUZZ_TARGETS); do \
	    SANITIZE_RUNS=$(SANITIZE_RUNS) UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	        $(FUZZ_BUILD)/sanitize/$$t $(FUZZ_DIR)/corpus/$${t#fuzz_}/*; \
	done; echo "sanitize: no sanitizer report"

# ---- check-asan: the whole regression suite under ASan + UBSan -------------
# (test/scripts/sanitize-suite.sh; owned by the sanitizer-suite helper)
#
#   make check-asan    everything `make test` runs (pg_regress sql/*.sql and
#                      pgTAP test/*.sql) against a throwaway server that loads
#                      a jeugdnorm.so built with -fsanitize=address,undefined
#                      -fno-sanitize-recover=all (gcc, built in a temp copy of
#                      the tree, never in src/core or src/pg); the server runs with
#                      LD_PRELOAD=libasan.  Fails on any failed test, any
#                      ASan/UBSan report (printed with its stack) or any
#                      crashed server process.  ONLY=prefix and JN_KEEP=1 work
#                      as for make test.  Needs only gcc (no clang).
#                      ~2-3 minutes on 2 cores.
# There is no check-valgrind: Debian's postgres is not built with
# USE_VALGRIND, so memcheck cannot see palloc chunk bounds either, and the
# suite under memcheck (typically 20-50x slower, every backend traced) is
# estimated (not measured) at well over an hour on 2 shared cores; ASan gives
# the same heap/stack checks on jeugdnorm's code at close to normal speed
# (only jeugdnorm.so is instrumented).
.PHONY: check-asan
check-asan:
	PG_CONFIG=$(PG_CONFIG) ONLY=$(ONLY) bash test/scripts/sanitize-suite.sh asan
