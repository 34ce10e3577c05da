-- ---------------------------------------------------------------------------
-- Upgrade step 0.2.0 -> 0.3.0: what only an upgrade needs.  The Makefile
-- puts this file first in jeugdnorm--0.2.0--0.3.0.sql, followed by the
-- src/sql files new since 0.2.0 and the 0.2.0 files changed since (written
-- re-runnably), so nothing here repeats what a fresh install does.
-- ---------------------------------------------------------------------------

-- ---- aggregate properties (issue 14 part 4) ----------------------------------
-- verzilvering gets its real state size (SSPACE = 128, see 10_core.sql); a
-- fresh 0.3.0 install declares it in CREATE AGGREGATE.  ALTER AGGREGATE
-- cannot change SSPACE, so the catalogue row is updated, as PostgreSQL's
-- contrib upgrade scripts fix aggregate properties (e.g. citext--1.4--1.5).
-- care_path stays FINALFUNC_MODIFY = READ_ONLY, which is now what its final
-- function does (it sorts a copy); nothing to change in the catalogue.
UPDATE pg_catalog.pg_aggregate
   SET aggtransspace = 128
 WHERE aggfnoid = 'jeugdnorm.verzilvering(numeric, numeric)'::pg_catalog.regprocedure;
