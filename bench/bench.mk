# make bench: speed and memory against plain SQL on a throwaway cluster;
# writes bench/RESULTS.md.  BENCH_SCALE=20 (default, big city), 1 (region),
# 400 (national scale, five years).  See bench/run.sh for the other knobs.
# Not part of make test.
.PHONY: bench
bench:
	PG_CONFIG=$(PG_CONFIG) BENCH_SCALE=$(BENCH_SCALE) BENCH_SEED=$(BENCH_SEED) \
	BENCH_RUNS=$(BENCH_RUNS) BENCH_OUT=$(BENCH_OUT) bash bench/run.sh

# make bench-incremental: incremental refresh against full (issue 16 part 1),
# BENCH_SCALE=2 by default (the machine is shared); prints a RESULTS.md section.
.PHONY: bench-incremental
bench-incremental:
	PG_CONFIG=$(PG_CONFIG) BENCH_SCALE=$(or $(BENCH_SCALE),2) BENCH_SEED=$(BENCH_SEED) \
	BENCH_LOADS=$(BENCH_LOADS) bash bench/incremental.sh
