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

-- ---- 68_data_quality.sql (changed in 0.3.0: issue 14, part 2) ------------------------
-- Three readings of [S5] v1.3 changed the rows of jeugdnorm_internal.
-- data_quality_rows.  Its materialised copy mv_data_quality_rows cannot be
-- CREATE OR REPLACEd, and the contract views read that copy, so the whole
-- set of 68_data_quality.sql is dropped here and created again, exactly as a
-- fresh install does, when the Makefile appends 68_data_quality.sql
-- (SQL_CHANGED_SINCE_PREV): same names, comments, index, WITH DATA (the rows
-- are computed during the update, from the data as it is; refresh() is not
-- needed for them).  No CASCADE: nothing else of the extension depends on
-- these objects, and a view of the user's own on data_quality(_rows) makes
-- the update stop with PostgreSQL's "other objects depend on it" instead
-- of being dropped silently.  Grants given on the two views after CREATE
-- EXTENSION go with them: call jeugdnorm.create_roles() again after the
-- update (as after every update, for new views), or GRANT again.
DROP VIEW jeugdnorm.data_quality;
DROP VIEW jeugdnorm.data_quality_rows;
DROP MATERIALIZED VIEW jeugdnorm_internal.mv_data_quality_rows;
DROP VIEW jeugdnorm_internal.data_quality_rows;
DROP TYPE jeugdnorm_internal.data_quality_line;
DROP FUNCTION jeugdnorm_internal.iso_date(date);
DROP VIEW jeugdnorm_internal.claims_nga;
DROP VIEW jeugdnorm_internal.data_quality_signals;

-- refresh() gained a parameter (refresh(full boolean DEFAULT false),
-- 80_refresh.sql, issue 16): a function with a defaulted parameter next to
-- the old one would make "SELECT jeugdnorm.refresh()" ambiguous, so the
-- old one goes first.  Its grants are given again by 80_refresh.sql (REVOKE
-- from PUBLIC) and jeugdnorm.create_roles() (84_roles.sql, EXECUTE to
-- jeugdnorm_admin).  Whoever was granted EXECUTE on the old one gets it on
-- the new one: noted here, granted at the end of 97_incremental.sql.
SELECT pg_catalog.set_config('jeugdnorm.upgrade_refresh_grantees',
           coalesce(pg_catalog.string_agg(x.grantee::pg_catalog.regrole::text, ','), ''), true)
  FROM pg_catalog.pg_proc p, pg_catalog.aclexplode(p.proacl) x
 WHERE p.oid = pg_catalog.to_regprocedure('jeugdnorm.refresh()')
   AND x.privilege_type = 'EXECUTE'
   AND x.grantee <> 0
   AND x.grantee <> p.proowner;
DROP FUNCTION IF EXISTS jeugdnorm.refresh();

-- ---- helper functions move to schema jeugdnorm_internal (issue 18, part 7) ----
-- Since 0.3.0 schema jeugdnorm holds only the user API (`\df jeugdnorm.*`,
-- doc/functions.md); the helpers of 0.2.0 move to jeugdnorm_internal, where
-- a fresh install creates them (10_core.sql, 20_schema.sql, 25_loaders.sql,
-- 86_pseudonym.sql).  ALTER FUNCTION ... SET SCHEMA keeps each function's
-- OID, so the aggregates, the settings trigger and the SQL-standard bodies
-- that use them stay bound, with their comments and ACLs.  It runs before
-- the re-run files: 25_loaders.sql then replaces the moved loader helpers
-- in their new schema (CREATE OR REPLACE) and names them there.
ALTER FUNCTION jeugdnorm.care_path_trans(internal, date, date, text) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.care_path_trans(internal, date, date, text, integer) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.care_path_combine(internal, internal) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.care_path_serialize(internal) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.care_path_deserialize(bytea, internal) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.care_path_final(internal) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.verzilvering_trans(internal, numeric, numeric) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.verzilvering_combine(internal, internal) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.verzilvering_serialize(internal) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.verzilvering_deserialize(bytea, internal) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.verzilvering_final(internal) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.settings_guard() SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.parse_date(text) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.parse_numeric(text) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.loader_select_list(regclass, text, text[], text[], text[]) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.loader_date_problem(text, date, text, boolean) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.loader_numeric_problem(text, numeric, text, boolean) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.loader_code_problems(text, text, text, text, text, text) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.loader_stage(regclass, text, text, text[], text[], text[], text) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.loader_apply(regclass, text, text, text, text, text, text) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.loader_upsert(regclass, text, text, text, text[], text, text) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.loader_bsn_problem(text) SET SCHEMA jeugdnorm_internal;
ALTER FUNCTION jeugdnorm.loader_mask_bsn(jsonb) SET SCHEMA jeugdnorm_internal;
-- 86_pseudonym.sql is not run again: its two loader helpers lose PUBLIC's
-- EXECUTE here, as a fresh install revokes it there.
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.loader_bsn_problem(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.loader_mask_bsn(jsonb) FROM PUBLIC;
-- A role a region made itself (not by jeugdnorm.create_roles()) that runs
-- the loaders needs USAGE on jeugdnorm_internal now and EXECUTE on the
-- helpers: call jeugdnorm.create_roles() again after the update (as after
-- every update) and grant it jeugdnorm_loader (doc/upgrading.md).
-- ---- format rules in C (issue 17) --------------------------------------------------------
-- The format checks and the elfproef are C since 0.3.0 (src/core/formats.c,
-- shared with the iJw parser): 20_schema.sql and 86_pseudonym.sql define
-- them so for a fresh install; here the SQL-language versions of 0.2.0 are
-- replaced in place (same signature, comment, grants and every CHECK that
-- calls them).
CREATE OR REPLACE FUNCTION jeugdnorm.is_gemeente(code text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'jn_is_gemeente'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION jeugdnorm.is_aanbieder(code text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'jn_is_aanbieder'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION jeugdnorm.is_productcategorie(code text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'jn_is_productcategorie'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION jeugdnorm.is_productcode(code text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'jn_is_productcode'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION jeugdnorm.is_valid_bsn(bsn text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'jn_is_valid_bsn'
    LANGUAGE C IMMUTABLE PARALLEL SAFE;
