-- ---------------------------------------------------------------------------
-- 85_tenancy.sql -- tenancy by role and the roles (issue 9, parts 1 and 2)
--
-- A region's warehouse holds the data of all its gemeenten; a role sees only
-- the gemeenten of its rows in jeugdnorm.access (table and the functions
-- that read it: 45_path_views.sql, because the contract views need them).
--
--  * Input tables: row-level security on every input table with a gemeente
--    (toewijzing, declaratie, contract).  One policy per table, for every
--    command: USING lets a role see, update and delete only rows of its
--    gemeenten, WITH CHECK refuses to insert or update a row into a gemeente
--    the role may not see (42501), so a loader for Venlo cannot load Venray
--    rows.  The catalogue tables (product, norm, aanbieder) and settings hold
--    no client data and get no RLS; rejected holds rejected source rows as
--    jsonb (no gemeente column to filter on) and is simply not granted to
--    readers or loaders (loaders may only INSERT into it).
--  * ENABLE, not FORCE.  PostgreSQL exempts superusers, BYPASSRLS roles and
--    the table owner from ENABLEd row security; the owner is the role that
--    ran CREATE EXTENSION, which also owns the materialised views and must
--    read every row when they are refreshed.  FORCE would subject the owner
--    to the policy; a policy can let the owner through, but pg_dump (which
--    runs with row_security = off) then fails for a non-superuser owner
--    because a policy applies at all.  jeugdnorm_internal.gemeenten_of()
--    exempts exactly the same three kinds of role, so the tables and the
--    contract views agree on who sees everything.
--  * Contract views: run with their owner's privileges and filter by the
--    caller's gemeenten themselves (45_path_views.sql), not security_invoker:
--    readers have no privilege on the input tables and the materialised
--    views, and get none.
--  * Roles: jeugdnorm.create_roles() creates jeugdnorm_reader,
--    jeugdnorm_loader and jeugdnorm_admin and grants them their privileges.
--    CREATE EXTENSION creates no roles (roles are cluster-wide).
--  * EXECUTE is revoked from PUBLIC on the functions that change data or
--    need privileges: the loaders, refresh() and create_roles().
-- ---------------------------------------------------------------------------

-- ---- row-level security on the input tables --------------------------------------------
-- The policy expression is the views' filter: both sub-selects are
-- uncorrelated InitPlans, evaluated once per statement, not per row.

ALTER TABLE jeugdnorm.toewijzing ENABLE ROW LEVEL SECURITY;
CREATE POLICY toewijzing_by_gemeente ON jeugdnorm.toewijzing
    USING ((SELECT jeugdnorm_internal.sees_all_gemeenten())
           OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    WITH CHECK ((SELECT jeugdnorm_internal.sees_all_gemeenten())
                OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]));
COMMENT ON POLICY toewijzing_by_gemeente ON jeugdnorm.toewijzing IS
    'a role reads and writes only allocations of the gemeenten in jeugdnorm.access for it (or its roles); ''*'' = all';

ALTER TABLE jeugdnorm.declaratie ENABLE ROW LEVEL SECURITY;
CREATE POLICY declaratie_by_gemeente ON jeugdnorm.declaratie
    USING ((SELECT jeugdnorm_internal.sees_all_gemeenten())
           OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    WITH CHECK ((SELECT jeugdnorm_internal.sees_all_gemeenten())
                OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]));
COMMENT ON POLICY declaratie_by_gemeente ON jeugdnorm.declaratie IS
    'a role reads and writes only claim lines of the gemeenten in jeugdnorm.access for it (or its roles); ''*'' = all';

ALTER TABLE jeugdnorm.contract ENABLE ROW LEVEL SECURITY;
CREATE POLICY contract_by_gemeente ON jeugdnorm.contract
    USING ((SELECT jeugdnorm_internal.sees_all_gemeenten())
           OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    WITH CHECK ((SELECT jeugdnorm_internal.sees_all_gemeenten())
                OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]));
COMMENT ON POLICY contract_by_gemeente ON jeugdnorm.contract IS
    'a role reads and writes only contracts of the gemeenten in jeugdnorm.access for it (or its roles); ''*'' = all';

-- ---- the roles -------------------------------------------------------------------------
-- jeugdnorm.create_roles(): 84_roles.sql (its own file since 0.2.0, so the
-- upgrade can replace it without re-running this file's policies).

-- ---- EXECUTE: not for PUBLIC -------------------------------------------------------------
REVOKE EXECUTE ON FUNCTION jeugdnorm.load_toewijzingen(pg_catalog.regclass) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm.load_declaraties(pg_catalog.regclass) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.loader_stage(pg_catalog.regclass, text, text, text[], text[], text[], text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.loader_apply(pg_catalog.regclass, text, text, text, text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm.refresh(boolean) FROM PUBLIC;
