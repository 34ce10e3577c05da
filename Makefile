# jeugdnorm -- PGXS build.
#
# The install script jeugdnorm--$(EXTVERSION).sql is generated: it is the
# concatenation of src/sql/*.sql in file-name order (one file per concern),
# so no SQL is written twice.  C sources: the pure-C cores src/core/*.c (no
# PostgreSQL headers; fuzzed by test/fuzz) and their SQL faces src/pg/*.c,
# one file per concept on each side (path, follow_up, codes, dates).
#
# Targets beyond PGXS's own:
#   make test    whole suite on a throwaway cluster (pg_regress + pgTAP)
#   make demo    throwaway cluster with the demo region; prints the analyses
#   make doc     regenerates doc/views-reference.md (throwaway cluster)
#   make dist    PGXN zip jeugdnorm-$(EXTVERSION).zip (git archive of HEAD)
#   make deb     Debian package build/deb/postgresql-15-jeugdnorm_$(EXTVERSION)-1_amd64.deb
#   make test-citus  the distributed suite on a throwaway Citus cluster
#   make test-deb  builds the package, installs it, CREATE EXTENSION from it
#                and the regression suite against it (debian/tests/)
#   WERROR=1     warnings are errors (CI)
# Extra targets (fuzzing, sanitizers, benchmarks) live in test/fuzz/fuzz.mk and bench/bench.mk.

EXTENSION   = jeugdnorm
EXTVERSION  = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big  = jeugdnorm
OBJS        = $(patsubst %.c,%.o,$(sort $(wildcard src/core/*.c src/pg/*.c)))
# src/pg/ijw.c (raw iJw XML, DEFINITIONS.md section 11) parses with libxml2.
SHLIB_LINK += $(shell xml2-config --libs)
# load_ijw()'s HMAC (src/pg/ijw.c) calls libcrypto's SHA-256 directly when
# the server was built with OpenSSL (USE_OPENSSL in pg_config.h): link it
# explicitly rather than rely on the server's own copy being loaded.
SHLIB_LINK += $(shell grep -qs '^\#define USE_OPENSSL 1' '$(shell $(PG_CONFIG) --includedir-server 2>/dev/null)/pg_config.h' && echo -lcrypto)

# Versions.  Released scripts are frozen and committed in src/releases/
# (install scripts and the upgrade steps between releases); PGXS installs
# them as they are (DATA).  Only the current version's scripts are built:
#   jeugdnorm--$(EXTVERSION).sql        the fresh install: every src/sql/*.sql
#                                        in file-name order;
#   jeugdnorm--$(PREV_VERSION)--$(EXTVERSION).sql
#                                        the one upgrade step of this release:
#                                        src/upgrade/$(PREV_VERSION)--$(EXTVERSION).sql
#                                        (hand-written: what only an upgrade
#                                        needs, e.g. catalogue fixes of
#                                        aggregates) followed by the src/sql
#                                        files new since $(PREV_VERSION) (not in
#                                        SQL_FILES_PREV) and the files of
#                                        $(PREV_VERSION) changed since
#                                        (SQL_CHANGED_SINCE_PREV, written
#                                        re-runnably: CREATE OR REPLACE, new
#                                        view columns only at the end), in
#                                        file-name order.
# Older versions reach the current one through the frozen steps
# (0.1.0 -> 0.2.0 -> 0.3.0), as PostgreSQL's contrib modules do: one
# script per release step, each reviewed once and never edited after its
# release.  At a release, `make freeze` copies the two built scripts into
# src/releases/; then SQL_FILES_PREV becomes the list of src/sql files,
# SQL_CHANGED_SINCE_PREV is emptied and PREV_VERSION moves on.
# test/upgrade_catalog.sql proves that every path gives the same catalogue.
PREV_VERSION = 0.2.0
SQL_FILES_PREV = 00_header 10_core 11_steering_codes 20_schema 22_steering_schema 25_loaders \
                 26_verzoek_loader 30_cleaned 32_requests 40_paths 45_path_views 50_spread \
                 55_flow 56_steering_paths 60_money 64_requests 68_data_quality 70_bi \
                 80_refresh 84_roles 85_tenancy 86_pseudonym 87_steering_tenancy
# 10_core, 20_schema, 85_tenancy and 86_pseudonym changed in 0.3.0 only
# in where helper functions live (schema jeugdnorm_internal, 05_internal_schema.sql):
# the upgrade moves those with ALTER FUNCTION ... SET SCHEMA in $(UPGRADE_PRE)
# instead of running the files again.  30_cleaned changed in that way too and
# in mapped_product()'s body (a faster lookup, same rows): it runs again.
SQL_CHANGED_SINCE_PREV = 25_loaders 26_verzoek_loader 30_cleaned 60_money 68_data_quality 70_bi 80_refresh 84_roles
UPGRADE_STEP = $(EXTENSION)--$(PREV_VERSION)--$(EXTVERSION).sql
UPGRADE_PRE  = src/upgrade/$(PREV_VERSION)--$(EXTVERSION).sql

DATA_built  = $(EXTENSION)--$(EXTVERSION).sql $(UPGRADE_STEP)
DATA        = $(sort $(wildcard src/releases/$(EXTENSION)--*.sql))
EXTRA_CLEAN = $(DATA_built) results regression.diffs regression.out

# pg_regress: every sql/*.sql, in name order.
REGRESS      = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=plpgsql

# Warnings.  Our code compiles warning-free under -Wall -Wextra.
# PostgreSQL's own headers trip -Wunused-parameter and -Wsign-compare under
# -Wextra, so those two are silenced.  Warnings fail the build only when
# asked (WERROR=1: CI, .ci/run): a user building with a newer compiler must
# not fail on a warning that compiler invented.
WERROR ?= 0
PG_CPPFLAGS = -I$(srcdir)/src $(shell xml2-config --cflags)
PG_CFLAGS   = -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
              -Wno-missing-field-initializers
ifeq ($(WERROR),1)
PG_CFLAGS  += -Werror
endif

PG_CONFIG ?= pg_config
PGXS := $(wildcard $(shell $(PG_CONFIG) --pgxs 2>/dev/null))
ifneq ($(PGXS),)
include $(PGXS)

# The documentation is installed with the extension, keeping doc/'s layout
# so the links between the files work:
#   $(docdir)/extension/jeugdnorm/{README.md,CHANGELOG.md,LICENSE,doc/...}
# (PGXS's DOCS would flatten doc/*.md into extension/, next to other
# extensions' files.)
JN_DOCDIR = $(docdir)/$(docmoduledir)/$(EXTENSION)
.PHONY: install-jeugdnorm-doc uninstall-jeugdnorm-doc
install: install-jeugdnorm-doc
install-jeugdnorm-doc:
	$(MKDIR_P) '$(DESTDIR)$(JN_DOCDIR)/doc/examples'
	$(INSTALL_DATA) $(addprefix $(srcdir)/,README.md CHANGELOG.md LICENSE) '$(DESTDIR)$(JN_DOCDIR)/'
	$(INSTALL_DATA) $(sort $(wildcard $(srcdir)/doc/*.md)) '$(DESTDIR)$(JN_DOCDIR)/doc/'
	$(if $(wildcard $(srcdir)/doc/examples/*),$(INSTALL_DATA) $(sort $(wildcard $(srcdir)/doc/examples/*)) '$(DESTDIR)$(JN_DOCDIR)/doc/examples/')
uninstall: uninstall-jeugdnorm-doc
uninstall-jeugdnorm-doc:
	rm -rf '$(DESTDIR)$(JN_DOCDIR)'
else
# PostgreSQL's build files are not installed yet.  `make test` and
# `make demo` install them first (test/scripts/install-deps.sh).
all install installcheck:
	@echo "PGXS not found: run 'make deps' (or make test / make demo, which install it)" >&2; exit 1
endif

SQL_SOURCES = $(sort $(wildcard src/sql/*.sql))

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_SOURCES) $(EXTENSION).control
	cat $(SQL_SOURCES) > $@

SQL_UPGRADE_FILES = $(sort $(filter-out $(patsubst %,src/sql/%.sql,$(SQL_FILES_PREV)),$(SQL_SOURCES)) \
                           $(patsubst %,src/sql/%.sql,$(SQL_CHANGED_SINCE_PREV)))

$(UPGRADE_STEP): $(UPGRADE_PRE) $(SQL_SOURCES) $(EXTENSION).control Makefile
	{ printf '%s\n' '-- jeugdnorm upgrade $(PREV_VERSION) -> $(EXTVERSION), generated by the Makefile from' \
	    '-- $(UPGRADE_PRE) and the src/sql files new or changed since $(PREV_VERSION).' \
	    '-- Do not edit; edit the sources.' \
	    '\echo Use "ALTER EXTENSION jeugdnorm UPDATE" to load this file. \quit'; \
	  cat $(UPGRADE_PRE) $(SQL_UPGRADE_FILES); } > $@

# At a release: freeze the built scripts (then edit the version lists above).
.PHONY: freeze
freeze: $(DATA_built)
	@for f in $(DATA_built); do \
	    if [ -e src/releases/$$f ]; then echo "freeze: src/releases/$$f exists (released scripts are never edited)" >&2; exit 1; fi; \
	done
	cp $(DATA_built) src/releases/

.PHONY: test demo deps doc dist deb test-deb test-citus
# ONLY=prefix restricts the suite to sql/prefix*.sql and test/prefix*.sql.
test:
	PG_CONFIG=$(PG_CONFIG) ONLY=$(ONLY) ACCEPT=$(ACCEPT) bash test/scripts/run-tests.sh

demo:
	PG_CONFIG=$(PG_CONFIG) KEEP=$(KEEP) DEMO_IJW=$(DEMO_IJW) bash test/scripts/demo.sh

deps:
	bash test/scripts/install-deps.sh

# doc/views-reference.md from the COMMENT ON texts (column_dictionary) of the
# extension built from this tree; the suite fails while it is stale.
doc:
	PG_CONFIG=$(PG_CONFIG) bash test/scripts/make-doc.sh

# PGXN release zip: every committed file of HEAD under jeugdnorm-$(EXTVERSION)/.
dist:
	git archive --format=zip --prefix=$(EXTENSION)-$(EXTVERSION)/ -o $(EXTENSION)-$(EXTVERSION).zip HEAD
	@echo "wrote $(EXTENSION)-$(EXTVERSION).zip"

# Debian package (debian/, pg_buildext): built in a copy of the tree under
# build/deb/ so the checkout stays clean; the .deb lands in build/deb/.
deb:
	bash test/scripts/build-deb.sh

# CI: build the package, install it, CREATE EXTENSION from it on a throwaway
# cluster, and run the regression suite against the installed package.
test-deb:
	bash test/scripts/test-deb.sh

# jeugdnorm on a throwaway 3-node Citus cluster (doc/citus.md): builds Citus
# from ../shared/vendor/ into a private cache once, compares every contract
# view with a single-node database holding the same demo region, and runs
# test/citus/*.sql.  make test does not need Citus.
test-citus:
	PG_CONFIG=$(PG_CONFIG) DEMO_SCALE=$(DEMO_SCALE) bash test/scripts/run-citus-tests.sh

-include test/fuzz/fuzz.mk bench/bench.mk
