-- ---------------------------------------------------------------------------
-- 89_ijw_access.sql (new in 0.3.0) -- which gemeenten load_ijw() may load
-- for the caller (27_ijw.sql; tenancy as in 85_tenancy.sql).
--
-- A separate file after 45_path_views.sql because the SQL-standard body
-- binds jeugdnorm_internal's functions when the extension is created.
-- Since 0.3.0 it is itself in jeugdnorm_internal (a helper, not user API):
-- load_ijw() runs as the loader, which has USAGE on the schema and EXECUTE
-- on this function (jeugdnorm.create_roles(), 84_roles.sql); PUBLIC has no
-- EXECUTE.
-- ---------------------------------------------------------------------------

CREATE FUNCTION jeugdnorm_internal.ijw_loadable_gemeenten() RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE WHEN jeugdnorm_internal.sees_all_gemeenten() THEN NULL
            ELSE jeugdnorm_internal.visible_gemeenten() END;
COMMENT ON FUNCTION jeugdnorm_internal.ijw_loadable_gemeenten() IS
    'internal (load_ijw): the gemeenten the current role may load (jeugdnorm.access, its memberships); NULL = all';
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.ijw_loadable_gemeenten() FROM PUBLIC;
