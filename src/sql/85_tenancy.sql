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
--
-- jeugdnorm_reader  BI: USAGE on schema jeugdnorm and SELECT on every plain
--                   view in it (the contract views, the dimensions,
--                   column_dictionary).  Nothing on the input tables,
--                   rejected, settings, access, the key or jeugdnorm_internal.
-- jeugdnorm_loader  the loaders (EXECUTE), SELECT/INSERT/UPDATE on the input
--                   tables (toewijzing, declaratie, contract, product, norm,
--                   aanbieder), INSERT on rejected, USAGE on the sequences,
--                   EXECUTE on pseudonymise() (when installed) but nothing
--                   on the key table.  RLS limits it to its gemeenten.
-- jeugdnorm_admin   SELECT/UPDATE on settings, EXECUTE on refresh(),
--                   SELECT/INSERT/UPDATE/DELETE on access, SELECT/DELETE on
--                   rejected (review and clear the loaders' rejects, which
--                   span all gemeenten), SELECT on the pseudonym key and
--                   EXECUTE on set_pseudonym_key() and pseudonymise() (when
--                   installed).
--
-- Objects of 86_pseudonym.sql are granted when they exist at call time
-- (to_regclass / pg_proc by name), so the function does not depend on the
-- order of the install script.  The views are found in the catalogue at call
-- time, so views added later are granted by calling it again.
--
-- SECURITY INVOKER: the caller needs CREATEROLE (for roles that do not exist
-- yet) and must be allowed to grant on the extension's objects: run it as a
-- superuser or as the extension owner.  Idempotent: existing roles are
-- left as they are and get the grants again.
CREATE FUNCTION jeugdnorm.create_roles()
    RETURNS TABLE (role_name text, created boolean)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r      text;
    obj    text;
BEGIN
    FOREACH r IN ARRAY ARRAY['jeugdnorm_reader', 'jeugdnorm_loader', 'jeugdnorm_admin'] LOOP
        role_name := r;
        created := NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles x WHERE x.rolname = r);
        IF created THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
        EXECUTE format('GRANT USAGE ON SCHEMA jeugdnorm TO %I', r);
        RETURN NEXT;
    END LOOP;

    -- reader: every plain view of schema jeugdnorm
    FOR obj IN
        SELECT c.oid::pg_catalog.regclass::text
          FROM pg_catalog.pg_class c
         WHERE c.relnamespace = 'jeugdnorm'::pg_catalog.regnamespace
           AND c.relkind = 'v'
         ORDER BY c.relname
    LOOP
        EXECUTE format('GRANT SELECT ON %s TO jeugdnorm_reader', obj);
    END LOOP;

    -- loader
    GRANT SELECT, INSERT, UPDATE
       ON jeugdnorm.toewijzing, jeugdnorm.declaratie, jeugdnorm.contract,
          jeugdnorm.product, jeugdnorm.norm, jeugdnorm.aanbieder
       TO jeugdnorm_loader;
    GRANT INSERT ON jeugdnorm.rejected TO jeugdnorm_loader;
    FOR obj IN
        SELECT c.oid::pg_catalog.regclass::text
          FROM pg_catalog.pg_class c
         WHERE c.relnamespace = 'jeugdnorm'::pg_catalog.regnamespace
           AND c.relkind = 'S'
         ORDER BY c.relname
    LOOP
        EXECUTE format('GRANT USAGE ON SEQUENCE %s TO jeugdnorm_loader', obj);
    END LOOP;
    GRANT EXECUTE ON FUNCTION jeugdnorm.load_toewijzingen(pg_catalog.regclass),
                              jeugdnorm.load_declaraties(pg_catalog.regclass),
                              jeugdnorm.loader_stage(pg_catalog.regclass, text, text, text[], text[], text[], text),
                              jeugdnorm.loader_apply(pg_catalog.regclass, text, text, text, text, text, text)
       TO jeugdnorm_loader;

    -- admin
    GRANT SELECT, UPDATE ON jeugdnorm.settings TO jeugdnorm_admin;
    GRANT SELECT, INSERT, UPDATE, DELETE ON jeugdnorm.access TO jeugdnorm_admin;
    GRANT SELECT, DELETE ON jeugdnorm.rejected TO jeugdnorm_admin;
    GRANT EXECUTE ON FUNCTION jeugdnorm.refresh() TO jeugdnorm_admin;

    -- pseudonymisation (86_pseudonym.sql), when installed
    IF pg_catalog.to_regclass('jeugdnorm.pseudonym_key') IS NOT NULL THEN
        GRANT SELECT ON jeugdnorm.pseudonym_key TO jeugdnorm_admin;
    END IF;
    FOR obj IN
        SELECT p.oid::pg_catalog.regprocedure::text
          FROM pg_catalog.pg_proc p
         WHERE p.pronamespace = 'jeugdnorm'::pg_catalog.regnamespace
           AND p.proname = 'set_pseudonym_key'
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO jeugdnorm_admin', obj);
    END LOOP;
    FOR obj IN
        SELECT p.oid::pg_catalog.regprocedure::text
          FROM pg_catalog.pg_proc p
         WHERE p.pronamespace = 'jeugdnorm'::pg_catalog.regnamespace
           AND p.proname = 'pseudonymise'
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO jeugdnorm_loader, jeugdnorm_admin', obj);
    END LOOP;
END
$$;

COMMENT ON FUNCTION jeugdnorm.create_roles() IS
    'creates (when missing) the NOLOGIN roles jeugdnorm_reader (SELECT on the views of schema jeugdnorm), jeugdnorm_loader (loaders, input tables, INSERT on rejected) and jeugdnorm_admin (settings, refresh, access, rejected, pseudonym key) and grants their privileges; idempotent; run as superuser or extension owner with CREATEROLE; a BI login: CREATE ROLE bi_x LOGIN IN ROLE jeugdnorm_reader plus a row in jeugdnorm.access';

-- ---- EXECUTE: not for PUBLIC -------------------------------------------------------------
REVOKE EXECUTE ON FUNCTION jeugdnorm.create_roles() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm.load_toewijzingen(pg_catalog.regclass) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm.load_declaraties(pg_catalog.regclass) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm.loader_stage(pg_catalog.regclass, text, text, text[], text[], text[], text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm.loader_apply(pg_catalog.regclass, text, text, text, text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm.refresh() FROM PUBLIC;
