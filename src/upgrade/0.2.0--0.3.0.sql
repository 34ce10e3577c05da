-- ---------------------------------------------------------------------------
-- Upgrade step 0.2.0 -> 0.3.0: what only an upgrade needs.  The Makefile
-- puts this file first in jeugdnorm--0.2.0--0.3.0.sql, followed by the
-- src/sql files new since 0.2.0 and the 0.2.0 files changed since (written
-- re-runnably), so nothing here repeats what a fresh install does.
-- ---------------------------------------------------------------------------

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
