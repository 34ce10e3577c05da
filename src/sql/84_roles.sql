-- ---------------------------------------------------------------------------
-- 84_roles.sql -- jeugdnorm.create_roles(): the three roles and their grants
-- (issue 9, part 2; tenancy itself is 85_tenancy.sql).
--
-- Changed in 0.2.0 (grants on the section-9 tables and load_verzoeken), so
-- it is part of the 0.1.0 -> 0.2.0 upgrade script: CREATE OR REPLACE keeps
-- the function's ACL.  Changed again in 0.3.0 (grants on the money inputs
-- of 23_money_inputs.sql): in SQL_CHANGED_SINCE_PREV of the Makefile.
-- After an upgrade, call it again to grant the new
-- objects to existing roles.
-- ---------------------------------------------------------------------------

-- ---- the roles -------------------------------------------------------------------------
--
-- jeugdnorm_reader  BI: USAGE on schema jeugdnorm and SELECT on every plain
--                   view in it (the contract views, the dimensions,
--                   column_dictionary).  Nothing on the input tables,
--                   rejected, settings, access, the key or jeugdnorm_internal.
-- jeugdnorm_loader  the loaders (EXECUTE), SELECT/INSERT/UPDATE on the input
--                   tables (toewijzing, declaratie, contract, product, norm,
--                   aanbieder, verzoek, wijk, product_mapping; DELETE too on
--                   wijk and product_mapping, which are replaced as a
--                   whole), SELECT/INSERT/UPDATE/DELETE on the money
--                   inputs (gemeente_jaar, indexatie, capaciteit,
--                   budgetplafond, staffel; 0.3.0), INSERT on rejected, USAGE on the sequences,
--                   EXECUTE on pseudonymise() (when installed) but nothing
--                   on the key table.  RLS limits it to its gemeenten.
--                   Since 0.3.0 also load_ijw() and ijw_parse() with
--                   SELECT/INSERT/UPDATE on ijw_bericht and the ijw_*
--                   version tables (27_ijw.sql).
--                   Since 0.3.0 the loaders' helpers are in schema
--                   jeugdnorm_internal: USAGE on it and EXECUTE on exactly
--                   the helpers the loaders call (loader_*, parse_*,
--                   load_log_begin/end, ijw_parse, ijw_loadable_gemeenten).
-- jeugdnorm_admin   SELECT/UPDATE on settings, EXECUTE on refresh(),
--                   SELECT/INSERT/UPDATE/DELETE on access, SELECT/DELETE on
--                   rejected (review and clear the loaders' rejects, which
--                   span all gemeenten), SELECT on the pseudonym key and
--                   EXECUTE on set_pseudonym_key() and pseudonymise() (when
--                   installed); USAGE on jeugdnorm_internal and EXECUTE
--                   on refresh_log_failed(), which refresh_job() calls
--                   (0.3.0).
-- Nobody else gets USAGE on jeugdnorm_internal: the reader's views and
-- the SQL-standard function bodies are bound by OID and need none.
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
CREATE OR REPLACE FUNCTION jeugdnorm.create_roles()
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
          jeugdnorm.product, jeugdnorm.norm, jeugdnorm.aanbieder,
          jeugdnorm.verzoek, jeugdnorm.wijk, jeugdnorm.product_mapping
       TO jeugdnorm_loader;
    GRANT DELETE ON jeugdnorm.wijk, jeugdnorm.product_mapping TO jeugdnorm_loader;
    -- the money inputs (0.3.0, 23_money_inputs.sql): filled with plain
    -- INSERT / COPY and replaced as a whole, so DELETE too; RLS
    -- (88_money_tenancy.sql) limits gemeente_jaar, capaciteit and
    -- budgetplafond to the loader's gemeenten
    GRANT SELECT, INSERT, UPDATE, DELETE
       ON jeugdnorm.gemeente_jaar, jeugdnorm.indexatie, jeugdnorm.capaciteit,
          jeugdnorm.budgetplafond, jeugdnorm.staffel
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
                              jeugdnorm.load_verzoeken(pg_catalog.regclass)
       TO jeugdnorm_loader;
    -- the loaders run as the caller and name their helpers (plpgsql and the
    -- dynamic SQL they build), which live in jeugdnorm_internal since
    -- 0.3.0: USAGE on that schema and EXECUTE on exactly these helpers
    GRANT USAGE ON SCHEMA jeugdnorm_internal TO jeugdnorm_loader;
    GRANT EXECUTE ON FUNCTION jeugdnorm_internal.loader_stage(pg_catalog.regclass, text, text, text[], text[], text[], text),
                              jeugdnorm_internal.loader_apply(pg_catalog.regclass, text, text, text, text, text, text),
                              jeugdnorm_internal.loader_upsert(pg_catalog.regclass, text, text, text, text[], text, text),
                              jeugdnorm_internal.loader_select_list(pg_catalog.regclass, text, text[], text[], text[]),
                              jeugdnorm_internal.loader_date_problem(text, date, text, boolean),
                              jeugdnorm_internal.loader_numeric_problem(text, numeric, text, boolean),
                              jeugdnorm_internal.loader_code_problems(text, text, text, text, text, text),
                              jeugdnorm_internal.loader_bsn_problem(text),
                              jeugdnorm_internal.loader_mask_bsn(jsonb),
                              jeugdnorm_internal.parse_date(text),
                              jeugdnorm_internal.parse_numeric(text),
                              jeugdnorm_internal.load_log_begin(text, text),
                              jeugdnorm_internal.load_log_end(bigint, bigint)
       TO jeugdnorm_loader;

    -- raw iJw messages (27_ijw.sql, new in 0.3.0), when installed
    IF pg_catalog.to_regclass('jeugdnorm.ijw_bericht') IS NOT NULL THEN
        GRANT SELECT, INSERT, UPDATE
           ON jeugdnorm.ijw_bericht, jeugdnorm.ijw_toewijzing_versie, jeugdnorm.ijw_stop,
              jeugdnorm.ijw_verzoek_versie, jeugdnorm.ijw_antwoord
           TO jeugdnorm_loader;
        GRANT EXECUTE ON FUNCTION jeugdnorm.load_ijw(bigint, bigint), jeugdnorm_internal.ijw_parse(bigint, bigint, text[]),
                                  jeugdnorm_internal.ijw_claims(bigint), jeugdnorm_internal.ijw_kept_text(bigint), jeugdnorm_internal.ijw_loadable_gemeenten()
           TO jeugdnorm_loader;
    END IF;

    -- admin
    GRANT SELECT, UPDATE ON jeugdnorm.settings TO jeugdnorm_admin;
    GRANT SELECT, INSERT, UPDATE, DELETE ON jeugdnorm.access TO jeugdnorm_admin;
    GRANT SELECT, DELETE ON jeugdnorm.rejected TO jeugdnorm_admin;
    GRANT EXECUTE ON FUNCTION jeugdnorm.refresh(boolean) TO jeugdnorm_admin;
    GRANT EXECUTE ON PROCEDURE jeugdnorm.refresh_job() TO jeugdnorm_admin;
    -- refresh_job() runs as the caller and names refresh_log_failed, which
    -- lives in jeugdnorm_internal since 0.3.0
    GRANT USAGE ON SCHEMA jeugdnorm_internal TO jeugdnorm_admin;
    GRANT EXECUTE ON FUNCTION jeugdnorm_internal.refresh_log_failed(text, text, text) TO jeugdnorm_admin;
    -- the run logs (24_load_log.sql, 79_refresh_log.sql): read, and delete old rows (retention)
    GRANT SELECT, DELETE ON jeugdnorm.load_log, jeugdnorm.refresh_log TO jeugdnorm_admin;

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

REVOKE EXECUTE ON FUNCTION jeugdnorm.create_roles() FROM PUBLIC;
