# make bench: speed and memory against plain SQL on a throwaway cluster;
# writes bench/RESULTS.md.  BENCH_SCALE=20 (default, big city), 1 (region),
# 400 (national scale, five years).  See bench/run.sh for the other knobs.
# Then load_ijw()'s prestaties per second (bench-ijw below; its table on
# standard output, issue 17).  Not part of make test.
.PHONY: bench
bench:
	PG_CONFIG=$(PG_CONFIG) BENCH_SCALE=$(BENCH_SCALE) BENCH_SEED=$(BENCH_SEED) \
	BENCH_RUNS=$(BENCH_RUNS) BENCH_LOAD_RUNS=$(BENCH_LOAD_RUNS) BENCH_OUT=$(BENCH_OUT) bash bench/run.sh
	$(MAKE) --no-print-directory bench-ijw

# make bench-ijw: load_ijw() in prestaties per second, JW323 messages of 2
# and of 5,000 prestaties (bench/ijw.sh; BENCH_IJW_SMALL, BENCH_IJW_LARGE,
# BENCH_IJW_RUNS).  Prints a markdown table; not part of make test.
.PHONY: bench-ijw
bench-ijw:
	PG_CONFIG=$(PG_CONFIG) BENCH_IJW_SMALL=$(BENCH_IJW_SMALL) BENCH_IJW_LARGE=$(BENCH_IJW_LARGE) \
	BENCH_IJW_RUNS=$(BENCH_IJW_RUNS) bash bench/ijw.sh

# make bench-barrier: typical filtered BI queries on the reader views with
# security_barrier on and off in the same run (issue 14); prints a markdown
# table.  BENCH_SCALE (default 2), BENCH_RUNS (default 3), BENCH_GEMEENTE,
# BENCH_OUT: see bench/barrier.sh.  Not part of make test or make bench.
.PHONY: bench-barrier
bench-barrier:
	PG_CONFIG=$(PG_CONFIG) BENCH_SCALE=$(BENCH_SCALE) BENCH_SEED=$(BENCH_SEED) BENCH_RUNS=$(BENCH_RUNS) \
	BENCH_GEMEENTE=$(BENCH_GEMEENTE) BENCH_OUT=$(BENCH_OUT) bash bench/barrier.sh

# make bench-incremental: incremental refresh against full (issue 16 part 1),
# BENCH_SCALE=2 by default (the machine is shared); prints a RESULTS.md section.
.PHONY: bench-incremental
bench-incremental:
	PG_CONFIG=$(PG_CONFIG) BENCH_SCALE=$(or $(BENCH_SCALE),2) BENCH_SEED=$(BENCH_SEED) \
	BENCH_LOADS=$(BENCH_LOADS) bash bench/incremental.sh

# make bench-citus: refresh() on a throwaway 3-node Citus cluster against the
# same data on one node, and the per-shard plan of care_path() (issue 19,
# doc/citus.md).  BENCH_SCALE (default 5), BENCH_SEED, BENCH_RUNS (default 2),
# BENCH_OUT; prints a RESULTS.md section.  Not part of make test.
.PHONY: bench-citus
bench-citus:
	PG_CONFIG=$(PG_CONFIG) BENCH_SCALE=$(or $(BENCH_SCALE),5) BENCH_SEED=$(BENCH_SEED) \
	BENCH_RUNS=$(BENCH_RUNS) BENCH_OUT=$(BENCH_OUT) bash bench/citus.sh
