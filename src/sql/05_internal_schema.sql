-- ---------------------------------------------------------------------------
-- 05_internal_schema.sql (0.3.0) -- schema jeugdnorm_internal, before
-- everything that puts objects into it (issue 18, part 7).
--
-- What: the extension keeps its user API in schema jeugdnorm (the contract
-- tables and views, and the functions doc/functions.md lists, so that
-- `\df jeugdnorm.*` shows exactly those) and everything else in
-- jeugdnorm_internal: the cleaned inputs and materialised path views
-- (30_cleaned.sql onwards), the incremental-refresh bookkeeping
-- (97_incremental.sql), and since 0.3.0 the helper functions too -- the
-- aggregates' support functions (10_core.sql, 12_follow_up_agg.sql), the
-- settings trigger (20_schema.sql), the loaders' steps and reason helpers
-- (24-27, 86), and refresh_job()'s failure log (81).
--
-- Why a file of its own: 10_core.sql and 20_schema.sql create helpers
-- here, so the schema must exist before them.  Until 0.2.0 the schema was
-- created by 30_cleaned.sql; the statement moved here with its comment.  On
-- an upgrade from 0.2.0 the schema exists already (IF NOT EXISTS) and this
-- file, new since 0.2.0, sets the same comment a fresh install gets.
--
-- Privileges: nobody has USAGE on the schema except the two roles whose
-- SECURITY INVOKER code calls helpers in it by name (jeugdnorm.create_roles(),
-- 84_roles.sql): jeugdnorm_loader (the loaders) and jeugdnorm_admin
-- (refresh_job()).  Readers (BI) get none: the views and the SQL-standard
-- function bodies they use are bound by OID and need no USAGE.
-- ---------------------------------------------------------------------------

CREATE SCHEMA IF NOT EXISTS jeugdnorm_internal;
COMMENT ON SCHEMA jeugdnorm_internal IS
    'jeugdnorm internals: cleaned inputs, the materialised views behind the contract views of schema jeugdnorm, the incremental-refresh bookkeeping and the helper functions (aggregate support, loader steps, triggers); not a contract, may change between versions; USAGE only for jeugdnorm_loader and jeugdnorm_admin';
