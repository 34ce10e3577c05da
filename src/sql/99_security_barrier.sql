-- ---------------------------------------------------------------------------
-- 99_security_barrier.sql -- every view of schema jeugdnorm is a security
-- barrier (issue 14, part 1).
--
-- What.  The views of schema jeugdnorm run with their owner's privileges
-- and keep only the rows of the caller's gemeenten themselves (the access
-- filter, 45_path_views.sql).  Without security_barrier the planner may
-- push a condition of the caller's query below that filter and evaluate it
-- on every row of every gemeente: a reader's own cheap function in a WHERE
-- clause (RAISE NOTICE, or an INSERT into a table of their own) is then
-- handed the client_id, provider, product and amounts of rows it must never
-- see, while the query's result still looks right.  With security_barrier
-- the planner pushes only leakproof conditions below the view's own WHERE
-- (comparisons of text, dates, integers, booleans; the planner's catalogue
-- of leakproof functions), so a BI filter such as WHERE gemeente = '0758'
-- or WHERE product = '45A12' still reaches the scan; anything else is
-- evaluated on the rows the view returns.  test/security_leak_probe.sql
-- probes every view and column a reader can select.
--
-- Why here, as a loop, and last.  CREATE OR REPLACE VIEW replaces a view's
-- options with the ones it names (none: security_barrier is gone), and the
-- upgrade scripts re-run the view files with CREATE OR REPLACE.  So the
-- barrier is not set view by view in the files that create them but by
-- this file, which sorts after every other src/sql file and therefore runs
-- last in the fresh install and in every upgrade step (the Makefile
-- appends the src/sql files new since the previous release in file-name
-- order).  Every view of the schema, also the ones a later file adds, so
-- nobody has to remember it; test/security_leak_probe.sql fails if a view
-- of schema jeugdnorm lacks the option, and test/upgrade_catalog.sql
-- compares reloptions of the fresh and the upgraded install.  A new view
-- file sorting after this one would escape it: keep this file last.
--
-- jeugdnorm_internal: its views are the owner's building blocks of the
-- materialised views; no reader has a privilege on them (the leak probe
-- asserts that a reader can select nothing in that schema), and a barrier
-- there would only constrain the plans of refresh().  No function a reader
-- can call returns rows with more than the caller's privileges: the only
-- SECURITY DEFINER functions a reader may execute are
-- jeugdnorm_internal.gemeenten_of(), which answers only for the session's
-- own roles, and jeugdnorm.norm_sheet_context(), which returns settings,
-- the version and a catalogue row (no client data).
-- ---------------------------------------------------------------------------

DO $$
DECLARE
    v regclass;
BEGIN
    FOR v IN SELECT c.oid::regclass
               FROM pg_catalog.pg_class c
              WHERE c.relnamespace = 'jeugdnorm'::pg_catalog.regnamespace
                AND c.relkind = 'v'
              ORDER BY c.relname
    LOOP
        EXECUTE pg_catalog.format('ALTER VIEW %s SET (security_barrier = true)', v);
    END LOOP;
END
$$;
