# jeugdnorm -- PGXS build.
#
# The install script jeugdnorm--$(EXTVERSION).sql is generated: it is the
# concatenation of src/sql/*.sql in file-name order (one file per concern),
# so no SQL is written twice.  C sources are every src/c/*.c.
#
# Targets beyond PGXS's own:
#   make test    whole suite on a throwaway cluster (pg_regress + pgTAP)
#   make demo    throwaway cluster with the demo region; prints the analyses
# Extra targets (fuzzing, sanitizers, benchmarks) live in test/fuzz/fuzz.mk and bench/bench.mk.

EXTENSION   = jeugdnorm
EXTVERSION  = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big  = jeugdnorm
OBJS        = $(patsubst %.c,%.o,$(sort $(wildcard src/c/*.c)))
DATA_built  = $(EXTENSION)--$(EXTVERSION).sql
DATA        = $(filter-out $(DATA_built),$(wildcard $(EXTENSION)--*.sql))
EXTRA_CLEAN = $(EXTENSION)--$(EXTVERSION).sql results regression.diffs regression.out

# pg_regress: every sql/*.sql, in name order.
REGRESS      = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=plpgsql

# Warnings are errors.  PostgreSQL's own headers trip -Wunused-parameter and
# -Wsign-compare under -Wextra, so those two are silenced; everything else
# -Wextra finds in our code fails the build.
PG_CPPFLAGS = -I$(srcdir)/src
PG_CFLAGS   = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare \
              -Wno-missing-field-initializers

PG_CONFIG ?= pg_config
PGXS := $(wildcard $(shell $(PG_CONFIG) --pgxs 2>/dev/null))
ifneq ($(PGXS),)
include $(PGXS)
else
# PostgreSQL's build files are not installed yet.  `make test` and
# `make demo` install them first (test/scripts/install-deps.sh).
all install installcheck:
	@echo "PGXS not found: run 'make deps' (or make test / make demo, which install it)" >&2; exit 1
endif

SQL_SOURCES = $(sort $(wildcard src/sql/*.sql))

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_SOURCES) $(EXTENSION).control
	cat $(SQL_SOURCES) > $@

.PHONY: test demo deps
# ONLY=prefix restricts the suite to sql/prefix*.sql and test/prefix*.sql.
test:
	PG_CONFIG=$(PG_CONFIG) ONLY=$(ONLY) ACCEPT=$(ACCEPT) bash test/scripts/run-tests.sh

demo:
	PG_CONFIG=$(PG_CONFIG) KEEP=$(KEEP) bash test/scripts/demo.sh

deps:
	bash test/scripts/install-deps.sh

-include test/fuzz/fuzz.mk bench/bench.mk
