-- 45_path_views.sql
--   The contract views on the materialised paths (src/sql/40_paths.sql):
--   jeugdnorm.care_paths and jeugdnorm.allocation_follow_up.  They read the
--   materialised rows, cast to the section-8 types as the last step, and
--   carry the comments BI tools show.  Kept apart from the materialised
--   views so that what a caller may see (the view) and what is computed
--   once per refresh (the materialised view) each have one place.
--
--   What a caller may see is decided here too, before the first contract
--   view, because every contract view (this file and 50..70) filters by it:
--   the table jeugdnorm.access and the functions that read it for the
--   calling role.  Row-level security on the input tables and the roles
--   (jeugdnorm.create_roles()) are in 85_tenancy.sql.

-- ---- tenancy: who may see which gemeente ------------------------------------------
--
-- jeugdnorm.access: a role sees the gemeenten of its own rows and of every
-- role it is a member of; gemeente '*' = every gemeente.  A role without
-- rows sees nothing (no error: empty views).  Superusers, roles with
-- BYPASSRLS and the owner of the input tables (the role that ran CREATE
-- EXTENSION, which also owns and refreshes the materialised views) see
-- everything: the same roles PostgreSQL itself exempts from the row-level
-- security of these tables (85_tenancy.sql), so the views and the tables
-- agree on who sees what.
--
-- role_name is text, not an oid: the table is dumped and restored with the
-- data (pg_extension_config_dump) and may name a role created later.  Rows
-- of a role that does not exist are ignored; delete a role's rows when the
-- role is dropped, or a new role of the same name inherits them.
CREATE TABLE jeugdnorm.access (
    role_name  text NOT NULL
        CONSTRAINT access_role_name_not_empty CHECK (role_name <> ''),
    gemeente   text NOT NULL
        CONSTRAINT access_gemeente_format CHECK (gemeente = '*' OR jeugdnorm.is_gemeente(gemeente)),
    CONSTRAINT access_pkey PRIMARY KEY (role_name, gemeente)
);
-- Private: nobody but the owner (and jeugdnorm_admin, see create_roles())
-- reads or changes it.  Readers learn their own gemeenten through
-- jeugdnorm_internal.visible_gemeenten(), never the rows of other roles.
REVOKE ALL ON TABLE jeugdnorm.access FROM PUBLIC;

COMMENT ON TABLE jeugdnorm.access IS
    'toegang (access): which gemeenten a role may see in the contract views and the input tables; one row per (role_name, gemeente); gemeente ''*'' = all; a role sees the rows of every role it is a member of; a role without rows sees nothing; superusers, BYPASSRLS roles and the extension owner see everything';
COMMENT ON COLUMN jeugdnorm.access.role_name IS
    'role name (pg_roles.rolname) the row grants to; members of the role get it too; rows of a non-existent role are ignored';
COMMENT ON COLUMN jeugdnorm.access.gemeente IS
    'gemeente: CBS municipality code (4 digits) the role may see, or ''*'' for every gemeente';

-- Part of the region's configuration: dumped with the data.
SELECT pg_catalog.pg_extension_config_dump('jeugdnorm.access', '');

-- gemeenten_of(role): the gemeenten a role may see, '{*}' for all, '{}' for
-- none.  SECURITY DEFINER, because callers cannot read jeugdnorm.access.
-- Inside a SECURITY DEFINER function current_user is the owner, so the
-- role is an argument (visible_gemeenten() passes current_user); so that
-- nobody can list the access of arbitrary roles through it, rows are only
-- read for a role the session user is a member of, i.e. could SET ROLE to
-- anyway (a superuser session is a member of every role).  Any other role
-- gets '{}': fail closed.
CREATE FUNCTION jeugdnorm_internal.gemeenten_of(role_oid oid) RETURNS text[]
    LANGUAGE sql STABLE STRICT SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
               WHEN r.rolsuper OR r.rolbypassrls
                    OR pg_catalog.pg_has_role(r.oid, t.relowner, 'USAGE')
                   THEN ARRAY['*']
               WHEN NOT pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER')
                   THEN '{}'::text[]
               ELSE coalesce((SELECT pg_catalog.array_agg(DISTINCT a.gemeente ORDER BY a.gemeente)
                                FROM jeugdnorm.access a
                                JOIN pg_catalog.pg_roles m
                                  ON m.rolname::text = a.role_name
                               WHERE pg_catalog.pg_has_role(r.oid, m.oid, 'MEMBER')),
                             '{}'::text[])
           END
      FROM pg_catalog.pg_roles r
     CROSS JOIN pg_catalog.pg_class t
     WHERE r.oid = role_oid
       AND t.oid = 'jeugdnorm.toewijzing'::pg_catalog.regclass
$$;
COMMENT ON FUNCTION jeugdnorm_internal.gemeenten_of(oid) IS
    'the gemeenten a role may see: ''{*}'' for all (superuser, BYPASSRLS, owner of the input tables, or an access row ''*''), ''{}'' for none; answers only for roles the session user is a member of (SECURITY DEFINER: callers cannot read jeugdnorm.access)';

-- The calling role's gemeenten.  SECURITY INVOKER on purpose: current_user
-- here is the caller (also inside a view, which runs with its owner's
-- privileges but not as its owner).  SQL-standard bodies: the names are
-- bound when the function is created, so a caller needs EXECUTE (PUBLIC has
-- it; the answer is only the caller's own gemeenten) but no USAGE on schema
-- jeugdnorm_internal.
CREATE FUNCTION jeugdnorm_internal.visible_gemeenten() RETURNS text[]
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
RETURN coalesce((SELECT jeugdnorm_internal.gemeenten_of(r.oid)
                   FROM pg_catalog.pg_roles r
                  WHERE r.rolname = current_user),
                '{}'::text[]);
COMMENT ON FUNCTION jeugdnorm_internal.visible_gemeenten() IS
    'the gemeenten the current role may see (jeugdnorm.access, its memberships); ''*'' = all; empty = none';

CREATE FUNCTION jeugdnorm_internal.sees_all_gemeenten() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
RETURN '*' = ANY (jeugdnorm_internal.visible_gemeenten());
COMMENT ON FUNCTION jeugdnorm_internal.sees_all_gemeenten() IS
    'true when the current role may see every gemeente (superuser, BYPASSRLS, owner of the input tables, or an access row ''*'')';

-- How every contract view filters (the deviation from "security_invoker"):
-- the contract views run with their owner's privileges (the PostgreSQL
-- default), because readers have no privileges on the input tables or the
-- materialised views and must not get any; instead each view keeps only
-- the rows of the caller's gemeenten, at the finest grain that carries a
-- gemeente (a path by its gemeente, an allocation or claim line by its
-- own), with
--     ((SELECT jeugdnorm_internal.sees_all_gemeenten())
--      OR x.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
-- Both sub-selects are uncorrelated, so each is an InitPlan evaluated once
-- per query, not per row; for a role that sees everything the first one is
-- true and the rows pass unchanged.  The ::text[] makes ANY take the array
-- the sub-select returns (without it, ANY (subquery) compares with its rows).
--
-- What a gemeente boundary does not cut: a care path or group path belongs
-- to the gemeente of its first allocation, and its figures include every
-- allocation and claim line of the path, also those of another gemeente
-- (client moved); an allocation's follow-up class is computed on the
-- client's whole history (all gemeenten).  These are the contract's
-- definitions; a reader of the other gemeente sees the allocation and
-- its claim lines, not the path.

-- ---- contract view: care_paths -----------------------------------------------

CREATE VIEW jeugdnorm.care_paths AS
SELECT m.client_id,
       m.aanbieder,
       m.product,
       m.productgroep,
       m.path_no,
       m.gemeente,
       m.start,
       m.einde,
       m.allocations,
       m.days_toewijzing,
       m.days_levering,
       m.months_toewijzing::numeric(18,6) AS months_toewijzing,
       m.months_levering::numeric(18,6) AS months_levering,
       m.volume::numeric(18,6) AS volume,
       m.unit,
       m.frequentie_per_week::numeric(18,6) AS frequentie_per_week,
       m.completed,
       m.norm_volume::numeric(18,6) AS norm_volume,
       m.norm_doorlooptijd_maanden::numeric(18,6) AS norm_doorlooptijd_maanden,
       m.norm_frequentie_per_week::numeric(18,6) AS norm_frequentie_per_week,
       m.productcategorie,
       m.productcode,
       m.variant,
       m.financieringsvorm,
       m.segment,
       m.in_window,
       m.claim_lines,
       m.first_toewijzingnummer
  FROM jeugdnorm_internal.mv_care_paths m
 WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR m.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
 ORDER BY m.client_id, m.aanbieder, m.product, m.path_no;

COMMENT ON VIEW jeugdnorm.care_paths IS
    'zorghulpvraag / care path: one row per care path of (client_id, aanbieder, product) - allocations that follow each other with gap <= path_gap_days - whatever its dates, with doorlooptijd, volume, frequentie, completed and the municipal norm; up to date as of the last jeugdnorm.refresh(); only paths whose gemeente (the first allocation''s) the caller may see (jeugdnorm.access)';
COMMENT ON COLUMN jeugdnorm.care_paths.client_id IS 'client_id: pseudonymised client key (jeugdige)';
COMMENT ON COLUMN jeugdnorm.care_paths.aanbieder IS 'aanbieder: provider AGB code (zorgaanbieder)';
COMMENT ON COLUMN jeugdnorm.care_paths.product IS 'product: productcode, or productcategorie for an aspecifiek allocation';
COMMENT ON COLUMN jeugdnorm.care_paths.productgroep IS 'productgroep (product group) of the first allocation''s product; NULL when not in the catalogue';
COMMENT ON COLUMN jeugdnorm.care_paths.path_no IS 'path number (volgnummer zorghulpvraag): 1, 2, ... in start order within (client_id, aanbieder, product)';
COMMENT ON COLUMN jeugdnorm.care_paths.gemeente IS 'gemeente (municipality) of the path''s first allocation';
COMMENT ON COLUMN jeugdnorm.care_paths.start IS 'start: ingangsdatum of the path''s first allocation';
COMMENT ON COLUMN jeugdnorm.care_paths.einde IS 'einde (end): last einddatum of the path''s allocations; NULL while an allocation is open';
COMMENT ON COLUMN jeugdnorm.care_paths.allocations IS 'toewijzingen: number of allocations in the path';
COMMENT ON COLUMN jeugdnorm.care_paths.days_toewijzing IS 'doorlooptijd in days, toewijzing basis: einde - start + 1; NULL while open';
COMMENT ON COLUMN jeugdnorm.care_paths.days_levering IS 'doorlooptijd in days, delivery (levering) basis: last claimed einddatum - first claimed begindatum + 1; NULL without claims';
COMMENT ON COLUMN jeugdnorm.care_paths.months_toewijzing IS 'doorlooptijd in months, toewijzing basis: days_toewijzing / 30.4375';
COMMENT ON COLUMN jeugdnorm.care_paths.months_levering IS 'doorlooptijd in months, delivery basis: days_levering / 30.4375';
COMMENT ON COLUMN jeugdnorm.care_paths.volume IS 'volume: claimed volume in unit (minutes and dagdelen as hours), lines in another unit family left out; NULL when none';
COMMENT ON COLUMN jeugdnorm.care_paths.unit IS 'eenheid (unit): canonical unit of the first allocation: uur, etmaal, stuks or euro; NULL when its code is unknown';
COMMENT ON COLUMN jeugdnorm.care_paths.frequentie_per_week IS 'frequentie (intensity): volume per week = volume / (days_levering / 7)';
COMMENT ON COLUMN jeugdnorm.care_paths.completed IS 'afgesloten (completed): einde IS NOT NULL AND einde + path_gap_days <= peildatum; spread and norm figures use completed paths only';
COMMENT ON COLUMN jeugdnorm.care_paths.norm_volume IS 'volumenorm: max_volume of the norm row valid on start (product, else productgroep); NULL = no norm';
COMMENT ON COLUMN jeugdnorm.care_paths.norm_doorlooptijd_maanden IS 'doorlooptijdnorm: max_doorlooptijd_maanden of that norm row, compare with months_levering; NULL = no norm';
COMMENT ON COLUMN jeugdnorm.care_paths.norm_frequentie_per_week IS 'frequentienorm: max_frequentie_per_week of that norm row; NULL = no norm';
COMMENT ON COLUMN jeugdnorm.care_paths.productcategorie IS 'productcategorie of the path''s first allocation';
COMMENT ON COLUMN jeugdnorm.care_paths.productcode IS 'productcode of the path''s first allocation; NULL for aspecifiek';
COMMENT ON COLUMN jeugdnorm.care_paths.variant IS 'variant (licht, midden, zwaar, maatwerk, meerwerk) of the first allocation''s product';
COMMENT ON COLUMN jeugdnorm.care_paths.financieringsvorm IS 'financieringsvorm (funding model: inspanning, traject, plek, taak) of the first allocation''s product';
COMMENT ON COLUMN jeugdnorm.care_paths.segment IS 'segment (purchasing segment) of the first allocation''s product';
COMMENT ON COLUMN jeugdnorm.care_paths.in_window IS 'in analysevenster (in window): start lies in [window_start, peildatum]';
COMMENT ON COLUMN jeugdnorm.care_paths.claim_lines IS 'declaratieregels: kept claim lines of the path (all unit families)';
COMMENT ON COLUMN jeugdnorm.care_paths.first_toewijzingnummer IS 'toewijzingnummer of the path''s first allocation (key with gemeente)';

-- ---- contract view: allocation_follow_up -----------------------------------------

CREATE VIEW jeugdnorm.allocation_follow_up AS
SELECT m.gemeente,
       m.toewijzingnummer,
       m.client_id,
       m.aanbieder,
       m.product,
       m.ingangsdatum,
       m.einddatum,
       m.gap_days,
       m.follow_up,
       m.productcategorie,
       m.productcode,
       m.financieringsvorm,
       m.productgroep,
       m.path_no
  FROM jeugdnorm_internal.mv_allocation_follow_up m
 WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR m.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
 ORDER BY m.gemeente, m.toewijzingnummer;

COMMENT ON VIEW jeugdnorm.allocation_follow_up IS
    'vervolg (follow-up) per toewijzing: every kept allocation classified against the earlier allocations of the same client and product: eerste, verlenging (extension), recidive (repeat request) or nieuw; up to date as of the last jeugdnorm.refresh(); only allocations of the gemeenten the caller may see (jeugdnorm.access)';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.gemeente IS 'gemeente: CBS municipality code';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.toewijzingnummer IS 'toewijzingnummer: allocation number, unique within the gemeente';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.client_id IS 'client_id: pseudonymised client key';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.aanbieder IS 'aanbieder: provider AGB code';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.product IS 'product: productcode, or productcategorie for an aspecifiek allocation';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.ingangsdatum IS 'ingangsdatum: first day of the allocation';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.einddatum IS 'einddatum: last day of the allocation; NULL = open';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.gap_days IS 'tussenpoos (gap) in days: ingangsdatum - the latest einddatum of the earlier allocations of the client and product; <= 0 for overlap; NULL for eerste and after an open earlier allocation';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.follow_up IS 'vervolg (follow-up class): eerste (first), verlenging (gap <= extension_days), recidive (herhaald beroep: extension_days < gap <= recidive_days) or nieuw (new request)';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.productcategorie IS 'productcategorie of the allocation';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.productcode IS 'productcode of the allocation; NULL for aspecifiek';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.financieringsvorm IS 'financieringsvorm (funding model) of the product; NULL when not in the catalogue';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.productgroep IS 'productgroep of the product; NULL when not in the catalogue';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.path_no IS 'path_no of the care path (jeugdnorm.care_paths, same client_id, aanbieder, product) this allocation belongs to';
