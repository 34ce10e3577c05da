-- ---------------------------------------------------------------------------
-- 25_loaders.sql -- load_toewijzingen(source), load_declaraties(source)
--
-- A loader takes any table or view whose column names are the contract's
-- (DEFINITIONS.md section 2), inserts every valid row and puts every other
-- row into jeugdnorm.rejected with the reason in words.  It never aborts the
-- load for one bad row and never loses one: loaded + rejected = the number
-- of rows in the source, always.
--
-- How (set-based, so half a million rows take seconds, not minutes):
--  1. The source is read once into a temporary staging table.  Columns are
--     taken by name: extra source columns are ignored, a missing optional
--     column reads as NULL, a missing required column (no row could load)
--     is an error up front (42703, naming the columns).  Values are
--     converted without exceptions: a date/timestamp column is cast, a
--     numeric column is cast, anything else is read as text and parsed
--     strictly (dates only as ISO YYYY-MM-DD, numbers only as plain
--     decimals, never DateStyle- or locale-dependent guessing); a value that
--     does not parse gives a reason, not an error.
--  2. One SQL expression per row collects every problem into `reason`
--     (problems joined by '; ').  It uses the same rule functions as the
--     table's CHECK constraints (is_gemeente, is_eenheid, ...).
--  3. Rows with a reason go to rejected in one INSERT; the other rows go to
--     the target in one INSERT.
--  4. Safety net: should that INSERT still fail (a constraint or trigger the
--     checks did not foresee, e.g. an update that makes an existing row
--     inconsistent), it is rolled back and the valid rows are loaded one by
--     one, each in its own subtransaction; a row that fails goes to
--     rejected with the database's error message as the reason.
--
-- Decisions:
--  * toewijzing: a row whose (gemeente, toewijzingnummer) is already in the
--    table is a later JW301 for that allocation: it replaces it (the newest
--    wins; a '13' reden_wijziging is such an update too).  Columns the
--    source does not have are left as they are on update (and NULL on
--    insert); columns it has replace the stored value, NULL included.
--    Within one source, rows are applied in order -- by `toewijzingsdatum`
--    when the source has that column (section 9; NULLs first), then by the
--    order the source is read in (for a table: physical order, which is
--    insertion order for a freshly filled table; for a view: its output
--    order, so give it an ORDER BY when that matters) -- and the last one
--    wins.  This is the same as loading the rows one at a time, so the
--    superseded rows count as loaded, not rejected.
--  * declaratie: a claim line equal in all contract columns (NULLs equal,
--    IS NOT DISTINCT FROM; numbers by value) to a line already in the table
--    or to an earlier line of the same source is rejected with the reason
--    'exact duplicate of a claim line already loaded'; the first copy loads.
--    Nothing is deduplicated silently.
--  * rejected.row is the source row as it was (to_jsonb), all its columns,
--    except a bsn column, which is masked (all but its last two characters
--    '*'; 86_pseudonym.sql).
--  * bsn (86_pseudonym.sql): a source may give the client as `bsn` instead
--    of `client_id`; the loader then stores client_id = pseudonymise(bsn)
--    and rejects a row whose bsn fails the elfproef ('bsn fails the
--    elfproef').  From the staging table on, no BSN is stored anywhere: the
--    staged source row is already masked.  A source with both client_id and
--    bsn is refused up front (42702): which one to trust is not guessable.
--    A NULL bsn is a NULL client_id (client_id is optional).
--  * Safe functions: the plpgsql functions pin search_path = pg_catalog,
--    pg_temp and run all dynamic SQL with it; the SQL helpers have
--    SQL-standard bodies (RETURN ...), bound when the extension is created,
--    so they stay inlinable and no object on a caller's search_path can
--    change them.
--  * Only the loaders themselves are user API (schema jeugdnorm); their
--    steps and helpers are in schema jeugdnorm_internal (0.3.0, issue 18
--    part 7).  The loaders run as the caller and name the helpers in their
--    plpgsql and dynamic SQL, so jeugdnorm_loader has USAGE on that schema
--    and EXECUTE on exactly these helpers (jeugdnorm.create_roles(),
--    84_roles.sql); PUBLIC has EXECUTE on none of them.  The upgrade from
--    0.2.0 moves them (src/upgrade/0.2.0--0.3.0.sql) before this file is
--    run again, so CREATE OR REPLACE finds them there.
--  * The loaders need the TEMP privilege on the database (PUBLIC has it by
--    default) for their staging table, which is dropped before they return.
--  * Changed in 0.2.0 (load_toewijzingen stores the section-9 columns), so
--    this file is part of the 0.1.0 -> 0.2.0 upgrade script too: CREATE OR
--    REPLACE only, signatures unchanged.
-- ---------------------------------------------------------------------------

-- ---- strict parsers (no exceptions, no guessing) ---------------------------

-- C since 0.3.0: the rule is core/formats.c's, shared with the iJw parser
CREATE OR REPLACE FUNCTION jeugdnorm_internal.parse_date(value text) RETURNS date
    AS 'MODULE_PATHNAME', 'jn_parse_date'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm_internal.parse_date(text) IS
    'the ISO date YYYY-MM-DD in value (surrounding spaces allowed), or NULL when value is not exactly such a date; never raises, never depends on DateStyle';

CREATE OR REPLACE FUNCTION jeugdnorm_internal.parse_numeric(value text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
        WHEN $1 ~ '^ *[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})? *$'
        THEN btrim($1)::numeric
    END;
COMMENT ON FUNCTION jeugdnorm_internal.parse_numeric(text) IS
    'the plain decimal number in value (e.g. ''12.5'', ''-3'', ''1e3''), or NULL when value is not one (a decimal comma, NaN or Infinity give NULL); never raises';

-- ---- reading a source by column name ---------------------------------------

-- The select list that reads `source` (alias jn_src) as the target columns
-- names[] of types types[] (each 'text', 'date' or 'numeric'): for every
-- column c an expression AS c, and AS c__raw the source value as text where
-- it had to be parsed (NULL otherwise), for the reason messages.  Raises
-- 42703 when a column of required[] is missing.
CREATE OR REPLACE FUNCTION jeugdnorm_internal.loader_select_list(source regclass, loader text,
                                             names text[], types text[],
                                             required text[])
    RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    missing  text;
    items    text[] := '{}';
    col      text;
    typ      text;
    srctype  oid;
    val      text;
    raw      text;
    -- the source gives a BSN to pseudonymise instead of a client_id
    from_bsn boolean := 'client_id' = ANY (names) AND EXISTS (
        SELECT 1 FROM pg_attribute a
         WHERE a.attrelid = source AND a.attname = 'bsn'
           AND a.attnum > 0 AND NOT a.attisdropped);
BEGIN
    IF from_bsn AND EXISTS (SELECT 1 FROM pg_attribute a
                             WHERE a.attrelid = source AND a.attname = 'client_id'
                               AND a.attnum > 0 AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'source % has both client_id and bsn', source
            USING ERRCODE = 'ambiguous_column',
                  DETAIL = format('%s takes the client either as a pseudonym (client_id) or as a BSN to pseudonymise (bsn), not both.', loader),
                  HINT = 'Leave one of the two columns out, e.g. in a view over the source.';
    END IF;

    SELECT string_agg(quote_ident(r), ', ' ORDER BY o) INTO missing
      FROM unnest(required) WITH ORDINALITY AS u(r, o)
     WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = source AND a.attname = u.r
                          AND a.attnum > 0 AND NOT a.attisdropped);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'source % lacks required column(s) %', source, missing
            USING ERRCODE = 'undefined_column',
                  DETAIL = format('%s needs the columns %s; the other contract columns are optional.',
                                  loader, array_to_string(required, ', ')),
                  HINT = 'Column names must match the contract exactly (lower case); rename in a view if needed.';
    END IF;

    FOR i IN 1 .. array_length(names, 1) LOOP
        col := names[i];
        typ := types[i];
        -- the source column's type, looking through a domain
        SELECT CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
          INTO srctype
          FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
         WHERE a.attrelid = source AND a.attname = col
           AND a.attnum > 0 AND NOT a.attisdropped;
        raw := 'NULL::text';
        IF col = 'client_id' AND from_bsn THEN
            -- only the pseudonym is kept; a BSN failing the elfproef gives
            -- NULL here and its reason in bsn_problem
            val := 'CASE WHEN jeugdnorm.is_valid_bsn(jn_src.bsn::text) '
                   'THEN jeugdnorm.pseudonymise(jn_src.bsn::text) END';
        ELSIF NOT FOUND THEN
            val := format('NULL::%s', typ);
        ELSIF typ = 'text' THEN
            val := format('jn_src.%I::text', col);
        ELSIF typ = 'date' AND srctype IN ('date'::regtype, 'timestamp'::regtype,
                                           'timestamptz'::regtype) THEN
            val := format('jn_src.%I::date', col);
        ELSIF typ = 'date' THEN
            val := format('jeugdnorm_internal.parse_date(jn_src.%I::text)', col);
            raw := format('jn_src.%I::text', col);
        ELSIF typ = 'numeric' AND srctype IN ('numeric'::regtype, 'smallint'::regtype,
                                              'integer'::regtype, 'bigint'::regtype,
                                              'real'::regtype, 'double precision'::regtype) THEN
            val := format('jn_src.%I::numeric', col);
        ELSIF typ = 'numeric' THEN
            val := format('jeugdnorm_internal.parse_numeric(jn_src.%I::text)', col);
            raw := format('jn_src.%I::text', col);
        ELSE
            RAISE EXCEPTION 'loader_select_list: unsupported target type %', typ
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        items := items || format('%s AS %I, %s AS %I', val, col, raw, col || '__raw');
    END LOOP;
    IF 'client_id' = ANY (names) THEN
        items := items || CASE WHEN from_bsn
            THEN 'jeugdnorm_internal.loader_bsn_problem(jn_src.bsn::text) AS bsn_problem'
            ELSE 'NULL::text AS bsn_problem' END;
    END IF;
    RETURN array_to_string(items, ', ');
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.loader_select_list(regclass, text, text[], text[], text[]) IS
    'internal (loaders): the select list that reads a source table or view by column name, converting without exceptions; raises 42703 naming missing required columns';

-- Reason fragments shared by both loaders (all NULL when fine).  The rule
-- functions are the ones the tables' CHECK constraints use.  Declared
-- STABLE, not IMMUTABLE: format() is stable, and PostgreSQL only inlines a
-- SQL function into the calling query (which makes the set-based check
-- fast) when its body is no more volatile than declared.  Dates in messages
-- are ISO (to_char), whatever the session's DateStyle.
CREATE OR REPLACE FUNCTION jeugdnorm_internal.loader_date_problem(col text, val date, raw text, required boolean)
    RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE
        WHEN val IS NULL AND raw IS NOT NULL
            THEN format('value %L is not a valid date for %s (expected YYYY-MM-DD)', raw, col)
        WHEN val IS NULL AND required
            THEN format('%s is missing', col)
        WHEN NOT isfinite(val)
            THEN format('%s %s is not a finite date', col, val)
    END;
COMMENT ON FUNCTION jeugdnorm_internal.loader_date_problem(text, date, text, boolean) IS
    'internal (loaders): why a date value cannot load, in words, or NULL';

CREATE OR REPLACE FUNCTION jeugdnorm_internal.loader_numeric_problem(col text, val numeric, raw text, non_negative boolean)
    RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE
        WHEN val IS NULL AND raw IS NOT NULL
            THEN format('value %L is not a valid number for %s', raw, col)
        WHEN NOT jeugdnorm.is_finite(val)
            THEN format('%s %s is not a finite number', col, val)
        WHEN non_negative AND val < 0
            THEN format('%s %s is negative', col, val)
    END;
COMMENT ON FUNCTION jeugdnorm_internal.loader_numeric_problem(text, numeric, text, boolean) IS
    'internal (loaders): why a numeric value cannot load, in words, or NULL';

CREATE OR REPLACE FUNCTION jeugdnorm_internal.loader_code_problems(gemeente text, toewijzingnummer text,
                                               aanbieder text, productcategorie text,
                                               productcode text, eenheid text)
    RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN concat_ws('; ',
        CASE WHEN gemeente IS NULL THEN 'gemeente is missing'
             WHEN NOT jeugdnorm.is_gemeente(gemeente)
             THEN format('gemeente %L is not 4 digits', gemeente) END,
        CASE WHEN toewijzingnummer IS NULL THEN 'toewijzingnummer is missing'
             WHEN toewijzingnummer = '' THEN 'toewijzingnummer is empty' END,
        CASE WHEN NOT jeugdnorm.is_aanbieder(aanbieder)
             THEN format('aanbieder %L is not 8 digits (AGB code)', aanbieder) END,
        CASE WHEN NOT jeugdnorm.is_productcategorie(productcategorie)
             THEN format('productcategorie %L is not 2 digits', productcategorie) END,
        CASE WHEN NOT jeugdnorm.is_productcode(productcode)
             THEN format('productcode %L is not 5 letters or digits', productcode) END,
        CASE WHEN NOT jeugdnorm.is_eenheid(eenheid)
             THEN format('unknown eenheid code %L', eenheid) END);
COMMENT ON FUNCTION jeugdnorm_internal.loader_code_problems(text, text, text, text, text, text) IS
    'internal (loaders): the problems with the key and code columns shared by toewijzing and declaratie, in words joined by ''; '' (empty when fine)';

-- ---- the steps both loaders share ---------------------------------------------
-- Both write to jeugdnorm.rejected, so EXECUTE is revoked from PUBLIC
-- (85_tenancy.sql) and granted to jeugdnorm_loader by create_roles(), as
-- for the loaders that call them.

-- Steps 1 and 3a: reads `source` into the staging table
-- pg_temp.jeugdnorm_loader_stage (src_no, src_row, the columns of
-- loader_select_list(), reason), where `reasons` is the SQL expression over
-- those columns that gives a row's problems (NULL when none), and puts every
-- row with a reason into rejected for `target`.  Returns how many.
CREATE OR REPLACE FUNCTION jeugdnorm_internal.loader_stage(source regclass, loader text, target text,
                                       names text[], types text[], required text[],
                                       reasons text)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- a source with a bsn column: its rows are kept (for rejected) with the
    -- bsn masked, from the staging table on (no table ever holds a BSN)
    has_bsn  constant boolean := EXISTS (
        SELECT 1 FROM pg_attribute a
         WHERE a.attrelid = source AND a.attname = 'bsn'
           AND a.attnum > 0 AND NOT a.attisdropped);
    src_row_expr constant text := CASE WHEN has_bsn
        THEN 'jeugdnorm_internal.loader_mask_bsn(pg_catalog.to_jsonb(jn_src))' ELSE 'jn_src' END;
    n_bad    bigint;
BEGIN
    -- distributed on Citus (90_distribute.sql): every row is placed by its
    -- client_id, so a row without one cannot load
    IF 'client_id' = ANY (names) AND jeugdnorm_internal.is_distributed() THEN
        reasons := reasons || $sql$,
                   CASE WHEN client_id IS NULL
                        THEN 'client_id is missing: required on a distributed (Citus) database' END $sql$;
    END IF;
    -- every load is logged (24_load_log.sql); its rejected rows carry its id
    PERFORM jeugdnorm_internal.load_log_begin(loader, source::text);
    IF to_regclass('pg_temp.jeugdnorm_loader_stage') IS NOT NULL THEN
        DROP TABLE pg_temp.jeugdnorm_loader_stage;   -- left by an earlier failed call
    END IF;
    EXECUTE format($sql$
        CREATE TEMPORARY TABLE jeugdnorm_loader_stage ON COMMIT DROP AS
        SELECT x.*, nullif(concat_ws('; ', %s), '') AS reason
          FROM (SELECT row_number() OVER () AS src_no, %s AS src_row, %s
                  FROM %s AS jn_src) AS x
        $sql$, reasons, src_row_expr,
        jeugdnorm_internal.loader_select_list(source, loader, names, types, required),
        source);

    INSERT INTO jeugdnorm.rejected (source, target, row, reason, source_row_no)
    SELECT source::text, target, to_jsonb(st.src_row), st.reason, st.src_no
      FROM pg_temp.jeugdnorm_loader_stage st
     WHERE st.reason IS NOT NULL
     ORDER BY st.src_no;
    GET DIAGNOSTICS n_bad = ROW_COUNT;
    RETURN n_bad;
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.loader_stage(regclass, text, text, text[], text[], text[], text) IS
    'internal (loaders): reads the source into the staging table with a reason per row and rejects the rows that have one; returns how many';

-- Steps 3b and 4, then cleanup: loads the staged rows without a reason.
-- set_sql does it set-based and returns (loaded, rejected); should it fail,
-- it is rolled back and the rows are loaded one by one in the order
-- `row_order` (over the staging table's columns), each by row_sql ($1 =
-- src_no) in its own subtransaction: a row for which row_sql inserts
-- nothing is rejected with skip_reason, a row for which it fails is
-- rejected with the database's error message.  Drops the staging table.
CREATE OR REPLACE FUNCTION jeugdnorm_internal.loader_apply(source regclass, loader text, target text,
                                       set_sql text, row_order text, row_sql text,
                                       skip_reason text)
    RETURNS TABLE (loaded bigint, rejected bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n_good   bigint := 0;
    n_bad    bigint := 0;
    n        bigint;
    r        record;
BEGIN
    BEGIN
        EXECUTE set_sql INTO n_good, n_bad USING source::text, skip_reason;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE '%: loading row by row (the set-based insert failed: %)', loader, SQLERRM;
        n_good := 0;
        n_bad := 0;
        CREATE INDEX ON pg_temp.jeugdnorm_loader_stage (src_no);
        FOR r IN EXECUTE format($sql$
                -- as jsonb: the source's row type differs from call to
                -- call, and a record field whose type changes breaks the
                -- cached plans of the INSERTs below (42804) when a session
                -- loads row by row from two different sources
                SELECT st.src_no, to_jsonb(st.src_row) AS src_row
                  FROM pg_temp.jeugdnorm_loader_stage st
                 WHERE st.reason IS NULL
                 ORDER BY %s $sql$, row_order)
        LOOP
            BEGIN
                EXECUTE row_sql USING r.src_no;
                GET DIAGNOSTICS n = ROW_COUNT;
                IF n = 0 THEN
                    INSERT INTO jeugdnorm.rejected (source, target, row, reason, source_row_no)
                    VALUES (source::text, target, r.src_row, skip_reason, r.src_no);
                    n_bad := n_bad + 1;
                ELSE
                    n_good := n_good + 1;
                END IF;
            EXCEPTION WHEN OTHERS THEN
                INSERT INTO jeugdnorm.rejected (source, target, row, reason, source_row_no)
                VALUES (source::text, target, r.src_row, SQLERRM, r.src_no);
                n_bad := n_bad + 1;
            END;
        END LOOP;
    END;

    DROP TABLE pg_temp.jeugdnorm_loader_stage;
    loaded := n_good;
    rejected := n_bad;
    RETURN NEXT;
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.loader_apply(regclass, text, text, text, text, text, text) IS
    'internal (loaders): loads the staged valid rows set-based, or row by row (rejecting a failing row with the database''s message) when that fails; drops the staging table; returns (loaded, rejected)';

-- loader_upsert() on a distributed database (90_distribute.sql, doc/citus.md):
-- the same result -- per (gemeente, key_col) the winner by winner_order
-- replaces the stored row's columns set_cols, keeps its other columns, or
-- is inserted -- written as Citus accepts it: the winners and the stored
-- rows of their keys (of any client) are read into temporary tables on the
-- coordinator, the stored rows deleted, and the merged rows inserted (a
-- changed client_id moves the row to its new shard: Citus refuses an
-- UPDATE of the distribution column, and (gemeente, key_col) is not a
-- unique key on Citus, so ON CONFLICT cannot find the old row).  With
-- only_src_no the staged row of that number alone (loader_apply's row-by-row
-- safety net).  Returns the valid staged rows it handled.
CREATE OR REPLACE FUNCTION jeugdnorm_internal.loader_upsert_distributed(target text, key_col text, names text[],
                                                                        set_cols text[], winner_order text,
                                                                        only_src_no bigint)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols     constant text := (SELECT string_agg(quote_ident(c), ', ' ORDER BY o)
                                 FROM unnest(names) WITH ORDINALITY AS u(c, o));
    merged   text;
    all_cols text;
    n        bigint;
BEGIN
    -- every column of the target: the winner's where the source replaces
    -- it (or it is the key), else the stored row's
    SELECT string_agg(quote_ident(a.attname::text), ', ' ORDER BY a.attnum),
           string_agg(CASE WHEN a.attname::text = ANY (set_cols || ARRAY['gemeente', key_col])
                           THEN 'w.' ELSE 'o.' END || quote_ident(a.attname::text), ', ' ORDER BY a.attnum)
      INTO all_cols, merged
      FROM pg_attribute a
     WHERE a.attrelid = format('jeugdnorm.%I', target)::regclass
       AND a.attnum > 0 AND NOT a.attisdropped;
    IF to_regclass('pg_temp.jeugdnorm_loader_winners') IS NOT NULL THEN
        DROP TABLE pg_temp.jeugdnorm_loader_winners, pg_temp.jeugdnorm_loader_stored;   -- left by a failed call
    END IF;
    EXECUTE format($sql$
        CREATE TEMPORARY TABLE jeugdnorm_loader_winners ON COMMIT DROP AS
        SELECT DISTINCT ON (gemeente, %2$I) %1$s
          FROM pg_temp.jeugdnorm_loader_stage
         WHERE reason IS NULL AND (src_no = $1 OR $1 IS NULL)
         ORDER BY gemeente, %2$I, %3$s $sql$, cols, key_col, winner_order) USING only_src_no;
    EXECUTE format($sql$
        CREATE TEMPORARY TABLE jeugdnorm_loader_stored ON COMMIT DROP AS
        SELECT DISTINCT ON (t.gemeente, t.%2$I) t.* FROM jeugdnorm.%1$I t
         WHERE (t.gemeente, t.%2$I) IN (SELECT w.gemeente, w.%2$I FROM pg_temp.jeugdnorm_loader_winners w)
         ORDER BY t.gemeente, t.%2$I, t.client_id $sql$,
        target, key_col);
    EXECUTE format($sql$
        DELETE FROM jeugdnorm.%1$I t
         WHERE (t.gemeente, t.%2$I) IN (SELECT o.gemeente, o.%2$I FROM pg_temp.jeugdnorm_loader_stored o) $sql$,
        target, key_col);
    -- stored keys: the merged row; new keys: the winner (defaults for the rest)
    EXECUTE format($sql$
        INSERT INTO jeugdnorm.%1$I (%2$s)
        SELECT %3$s
          FROM pg_temp.jeugdnorm_loader_winners w
          JOIN pg_temp.jeugdnorm_loader_stored o ON o.gemeente = w.gemeente AND o.%4$I = w.%4$I $sql$,
        target, all_cols, merged, key_col);
    EXECUTE format($sql$
        INSERT INTO jeugdnorm.%1$I (%2$s)
        SELECT %2$s
          FROM pg_temp.jeugdnorm_loader_winners w
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.jeugdnorm_loader_stored o
                            WHERE o.gemeente = w.gemeente AND o.%3$I = w.%3$I) $sql$,
        target, cols, key_col);
    SELECT count(*) INTO n FROM pg_temp.jeugdnorm_loader_stage
     WHERE reason IS NULL AND (src_no = only_src_no OR only_src_no IS NULL);
    DROP TABLE pg_temp.jeugdnorm_loader_winners, pg_temp.jeugdnorm_loader_stored;
    RETURN n;
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.loader_upsert_distributed(text, text, text[], text[], text, bigint) IS
    'internal (loaders, distributed mode): loader_upsert''s replace-or-insert by (gemeente, key_col) as delete + insert of the merged rows, which Citus accepts; only_src_no: that staged row alone; returns the valid staged rows handled';

-- Steps 3b and 4 for a keyed table whose later message replaces an earlier
-- one (toewijzing, verzoek): the last valid row per (gemeente, key_col)
-- -- by `winner_order` over the staging table's columns, e.g.
-- 'toewijzingsdatum DESC NULLS LAST, src_no DESC' -- updates the stored
-- row or is inserted.  Only the columns among names[3:] that the source
-- has are replaced (client_id also when the source gives a bsn; NULLs
-- included); the others keep their stored values.  Set-based: UPDATE +
-- INSERT ... WHERE NOT EXISTS in one statement (both parts see the same
-- snapshot, so every winner goes to exactly one of them); much cheaper
-- than ON CONFLICT for 10^5 rows.  Every valid row counts as loaded (a
-- superseded one too).  Should it fail (a concurrent loader inserting the
-- same new key, a CHECK on the updated row, row-level security),
-- loader_apply loads the rows one by one in `row_order` (the order in
-- which "last wins" holds) with ON CONFLICT.
CREATE OR REPLACE FUNCTION jeugdnorm_internal.loader_upsert(source regclass, loader text, target text,
                                                   key_col text, names text[],
                                                   winner_order text, row_order text)
    RETURNS TABLE (loaded bigint, rejected bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cols     constant text := (SELECT string_agg(quote_ident(c), ', ' ORDER BY o)
                                 FROM unnest(names) WITH ORDINALITY AS u(c, o));
    set_list text;
    set_cols text[];
BEGIN
    SELECT string_agg(format('%1$I = EXCLUDED.%1$I', c), ', ' ORDER BY o), array_agg(c ORDER BY o)
      INTO set_list, set_cols
      FROM unnest(names[3:]) WITH ORDINALITY AS u(c, o)
     WHERE EXISTS (SELECT 1 FROM pg_attribute a
                    WHERE a.attrelid = source
                      AND (a.attname = u.c OR (u.c = 'client_id' AND a.attname = 'bsn'))
                      AND a.attnum > 0 AND NOT a.attisdropped);
    -- the key alone: nothing to replace, an existing row stays as it is
    set_list := coalesce(set_list, format('%1$I = EXCLUDED.%1$I', key_col));

    -- distributed on Citus (90_distribute.sql): Citus refuses to change
    -- client_id (the distribution column) in place and knows no unique key
    -- (gemeente, key_col); loader_upsert_distributed() replaces the stored
    -- rows instead, set-based, and row by row as the safety net
    IF jeugdnorm_internal.is_distributed() THEN
        RETURN QUERY
        SELECT a.loaded, a.rejected
          FROM jeugdnorm_internal.loader_apply(source, loader, target,
            format('SELECT jeugdnorm_internal.loader_upsert_distributed(%L, %L, %L, %L, %L, NULL), 0::bigint',
                   target, key_col, names, set_cols, winner_order),
            row_order,
            format('SELECT 1 FROM jeugdnorm_internal.loader_upsert_distributed(%L, %L, %L, %L, %L, $1) AS n WHERE n > 0',
                   target, key_col, names, set_cols, winner_order),
            NULL) AS a;
        RETURN;
    END IF;

    RETURN QUERY
    SELECT a.loaded, a.rejected
      FROM jeugdnorm_internal.loader_apply(source, loader, target,
        format($sql$
            WITH w AS MATERIALIZED (
                SELECT DISTINCT ON (gemeente, %3$I) %1$s
                  FROM pg_temp.jeugdnorm_loader_stage
                 WHERE reason IS NULL
                 ORDER BY gemeente, %3$I, %4$s
            ), upd AS (
                UPDATE jeugdnorm.%5$I AS t SET %2$s
                  FROM w
                 WHERE t.gemeente = w.gemeente AND t.%3$I = w.%3$I
            ), ins AS (
                INSERT INTO jeugdnorm.%5$I (%1$s)
                SELECT %1$s FROM w
                 WHERE NOT EXISTS (SELECT 1 FROM jeugdnorm.%5$I AS t
                                    WHERE t.gemeente = w.gemeente AND t.%3$I = w.%3$I)
            )
            SELECT count(*), 0::bigint FROM pg_temp.jeugdnorm_loader_stage WHERE reason IS NULL
            $sql$, cols, replace(set_list, 'EXCLUDED.', 'w.'), key_col, winner_order, target),
        row_order,
        format($sql$
            INSERT INTO jeugdnorm.%4$I (%1$s)
            SELECT %1$s FROM pg_temp.jeugdnorm_loader_stage WHERE src_no = $1
            ON CONFLICT (gemeente, %3$I) DO UPDATE SET %2$s
            $sql$, cols, set_list, key_col, target),
        NULL) AS a;
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.loader_upsert(regclass, text, text, text, text[], text, text) IS
    'internal (loaders): loads the staged valid rows into a table keyed by (gemeente, key_col), the last row per key winning and updating a stored row (only the columns the source has); row by row when the set-based load fails; returns (loaded, rejected)';

-- ---- load_toewijzingen -------------------------------------------------------

CREATE OR REPLACE FUNCTION jeugdnorm.load_toewijzingen(source regclass)
    RETURNS TABLE (loaded bigint, rejected bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- contract columns, section 2 then section 9; toewijzingsdatum also
    -- orders several rows for one allocation
    names    constant text[] := ARRAY['gemeente', 'toewijzingnummer', 'client_id',
        'geboortedatum', 'aanbieder', 'productcategorie', 'productcode',
        'ingangsdatum', 'einddatum', 'volume', 'eenheid', 'frequentie', 'budget',
        'reden_wijziging', 'toewijzingsdatum', 'verwijzer', 'reden_beeindiging',
        'postcode'];
    types    constant text[] := ARRAY['text', 'text', 'text', 'date', 'text', 'text',
        'text', 'date', 'date', 'numeric', 'text', 'text', 'numeric', 'text', 'date',
        'text', 'text', 'text'];
    required constant text[] := ARRAY['gemeente', 'toewijzingnummer', 'ingangsdatum'];
    reasons  constant text := $sql$
                   nullif(jeugdnorm_internal.loader_code_problems(gemeente, toewijzingnummer,
                          aanbieder, productcategorie, productcode, eenheid), ''),
                   bsn_problem,
                   jeugdnorm_internal.loader_date_problem('geboortedatum', geboortedatum, geboortedatum__raw, false),
                   jeugdnorm_internal.loader_date_problem('ingangsdatum', ingangsdatum, ingangsdatum__raw, true),
                   jeugdnorm_internal.loader_date_problem('einddatum', einddatum, einddatum__raw, false),
                   CASE WHEN einddatum < ingangsdatum
                        THEN format('einddatum %s is before ingangsdatum %s', to_char(einddatum, 'YYYY-MM-DD'), to_char(ingangsdatum, 'YYYY-MM-DD')) END,
                   jeugdnorm_internal.loader_numeric_problem('volume', volume, volume__raw, true),
                   jeugdnorm_internal.loader_numeric_problem('budget', budget, budget__raw, true),
                   CASE WHEN NOT jeugdnorm.is_frequentie(frequentie)
                        THEN format('unknown frequentie code %L', frequentie) END,
                   CASE WHEN reden_wijziging !~ '^[0-9]{2}$'
                        THEN format('reden_wijziging %L is not 2 digits', reden_wijziging) END,
                   jeugdnorm_internal.loader_date_problem('toewijzingsdatum', toewijzingsdatum, toewijzingsdatum__raw, false),
                   CASE WHEN NOT jeugdnorm.is_verwijzer(verwijzer)
                        THEN format('unknown verwijzer code %L (COD327: 01, 02, 03, 04, 05, 06, 08)', verwijzer) END,
                   CASE WHEN NOT jeugdnorm.is_reden_beeindiging(reden_beeindiging)
                        THEN format('unknown reden_beeindiging code %L (JZ588, see jeugdnorm.reden_beeindiging_codes())', reden_beeindiging) END,
                   CASE WHEN NOT jeugdnorm.is_postcode(postcode)
                        THEN format('postcode %L is not 4 digits: only the 4-digit area may be stored (data minimisation)', postcode) END
        $sql$;
    n_bad    bigint;
    n_loaded   bigint;
    n_rejected bigint;
BEGIN
    n_bad := jeugdnorm_internal.loader_stage(source, 'load_toewijzingen', 'toewijzing',
                                    names, types, required, reasons);
    -- the newest JW301 wins: by toewijzingsdatum, then the source's order
    SELECT a.loaded, a.rejected + n_bad
      INTO n_loaded, n_rejected
      FROM jeugdnorm_internal.loader_upsert(source, 'load_toewijzingen', 'toewijzing', 'toewijzingnummer', names,
                                   'toewijzingsdatum DESC NULLS LAST, src_no DESC',
                                   'st.toewijzingsdatum NULLS FIRST, st.src_no') AS a;
    PERFORM jeugdnorm_internal.load_log_end(n_loaded, n_rejected);
    loaded := n_loaded;
    rejected := n_rejected;
    RETURN NEXT;
END;
$$;
COMMENT ON FUNCTION jeugdnorm.load_toewijzingen(regclass) IS
    'loads allocations (JW301) from any table or view with the contract''s column names into jeugdnorm.toewijzing; an existing (gemeente, toewijzingnummer) is updated (the newest wins; within the source the last row wins); invalid rows go to jeugdnorm.rejected with the reason; returns (loaded, rejected), which add up to the source''s row count';

-- ---- load_declaraties --------------------------------------------------------

-- load_declaraties' duplicate check and insert on a distributed database
-- (90_distribute.sql, doc/citus.md), written as Citus accepts it (it
-- refuses the correlated EXISTS over jeugdnorm.declaratie): the staged
-- valid lines go into a temporary table with their copy number inside the
-- source, the stored lines of the same (client_id, gemeente,
-- toewijzingnummer) -- the co-located key: client_id is never NULL there --
-- are read into another, and a line equal to a stored one or to an earlier
-- line of the source is a duplicate.  Set-based (only_src_no NULL): inserts
-- the others and rejects the duplicates with dup_reason for source_name;
-- returns (loaded, rejected).  Row by row (only_src_no): that staged line
-- alone, inserted unless a duplicate (loader_apply rejects it then);
-- returns (1 or 0, 0).
CREATE OR REPLACE FUNCTION jeugdnorm_internal.loader_declaraties_distributed(target_cols text, same_line text,
                                                                             only_src_no bigint,
                                                                             source_name text, dup_reason text,
                                                                             OUT loaded bigint, OUT rejected bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF to_regclass('pg_temp.jeugdnorm_loader_lines') IS NOT NULL THEN
        DROP TABLE pg_temp.jeugdnorm_loader_lines, pg_temp.jeugdnorm_loader_known;   -- left by a failed call
    END IF;
    EXECUTE format($sql$
        CREATE TEMPORARY TABLE jeugdnorm_loader_lines ON COMMIT DROP AS
        SELECT st.*, row_number() OVER (PARTITION BY %1$s ORDER BY src_no) AS copy_no,
               false AS dup
          FROM pg_temp.jeugdnorm_loader_stage st
         WHERE st.reason IS NULL AND (st.src_no = $1 OR $1 IS NULL) $sql$, target_cols) USING only_src_no;
    EXECUTE format($sql$
        CREATE TEMPORARY TABLE jeugdnorm_loader_known ON COMMIT DROP AS
        SELECT %1$s FROM jeugdnorm.declaratie d
         WHERE (d.client_id, d.gemeente, d.toewijzingnummer) IN
               (SELECT l.client_id, l.gemeente, l.toewijzingnummer FROM pg_temp.jeugdnorm_loader_lines l) $sql$,
        target_cols);
    EXECUTE format($sql$
        UPDATE pg_temp.jeugdnorm_loader_lines c
           SET dup = c.copy_no > 1 OR EXISTS (SELECT 1 FROM pg_temp.jeugdnorm_loader_known d WHERE %1$s) $sql$,
        same_line);
    EXECUTE format($sql$
        INSERT INTO jeugdnorm.declaratie (%1$s)
        SELECT %1$s FROM pg_temp.jeugdnorm_loader_lines WHERE NOT dup ORDER BY src_no $sql$, target_cols);
    GET DIAGNOSTICS loaded = ROW_COUNT;
    IF only_src_no IS NULL THEN
        INSERT INTO jeugdnorm.rejected (source, target, row, reason, source_row_no)
        SELECT source_name, 'declaratie', to_jsonb(k.src_row), dup_reason, k.src_no
          FROM pg_temp.jeugdnorm_loader_lines k WHERE k.dup ORDER BY k.src_no;
        GET DIAGNOSTICS rejected = ROW_COUNT;
    ELSE
        rejected := 0;
    END IF;
    DROP TABLE pg_temp.jeugdnorm_loader_lines, pg_temp.jeugdnorm_loader_known;
END;
$$;
COMMENT ON FUNCTION jeugdnorm_internal.loader_declaraties_distributed(text, text, bigint, text, text) IS
    'internal (loaders, distributed mode): load_declaraties'' duplicate check (stored lines read by the co-located key client_id, gemeente, toewijzingnummer) and insert, which Citus accepts; only_src_no: that staged line alone; returns (loaded, rejected)';

CREATE OR REPLACE FUNCTION jeugdnorm.load_declaraties(source regclass)
    RETURNS TABLE (loaded bigint, rejected bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    names    constant text[] := ARRAY['gemeente', 'toewijzingnummer', 'client_id',
        'aanbieder', 'productcategorie', 'productcode', 'begindatum', 'einddatum',
        'volume', 'eenheid', 'bedrag'];
    types    constant text[] := ARRAY['text', 'text', 'text', 'text', 'text', 'text',
        'date', 'date', 'numeric', 'text', 'numeric'];
    required constant text[] := ARRAY['gemeente', 'toewijzingnummer', 'begindatum', 'einddatum'];
    target_cols constant text :=
        'gemeente, toewijzingnummer, client_id, aanbieder, productcategorie, '
        'productcode, begindatum, einddatum, volume, eenheid, bedrag';
    reasons  constant text := $sql$
                   nullif(jeugdnorm_internal.loader_code_problems(gemeente, toewijzingnummer,
                          aanbieder, productcategorie, productcode, eenheid), ''),
                   bsn_problem,
                   jeugdnorm_internal.loader_date_problem('begindatum', begindatum, begindatum__raw, true),
                   jeugdnorm_internal.loader_date_problem('einddatum', einddatum, einddatum__raw, true),
                   CASE WHEN einddatum < begindatum
                        THEN format('einddatum %s is before begindatum %s', to_char(einddatum, 'YYYY-MM-DD'), to_char(begindatum, 'YYYY-MM-DD')) END,
                   jeugdnorm_internal.loader_numeric_problem('volume', volume, volume__raw, false),
                   jeugdnorm_internal.loader_numeric_problem('bedrag', bedrag, bedrag__raw, false)
        $sql$;
    -- A line equal to c in every contract column: the first four are
    -- NOT NULL in a valid line, so they can use the index on
    -- (gemeente, toewijzingnummer); the rest compare NULLs as equal.
    same_line constant text := $sql$
        d.gemeente = c.gemeente AND d.toewijzingnummer = c.toewijzingnummer
        AND d.begindatum = c.begindatum AND d.einddatum = c.einddatum
        AND d.client_id IS NOT DISTINCT FROM c.client_id
        AND d.aanbieder IS NOT DISTINCT FROM c.aanbieder
        AND d.productcategorie IS NOT DISTINCT FROM c.productcategorie
        AND d.productcode IS NOT DISTINCT FROM c.productcode
        AND d.volume IS NOT DISTINCT FROM c.volume
        AND d.eenheid IS NOT DISTINCT FROM c.eenheid
        AND d.bedrag IS NOT DISTINCT FROM c.bedrag $sql$;
    n_bad    bigint;
    n_loaded   bigint;
    n_rejected bigint;
BEGIN
    n_bad := jeugdnorm_internal.loader_stage(source, 'load_declaraties', 'declaratie',
                                    names, types, required, reasons);

    -- distributed on Citus: the same check and insert in the form Citus
    -- accepts (loader_declaraties_distributed() above)
    IF jeugdnorm_internal.is_distributed() THEN
        SELECT a.loaded, a.rejected + n_bad
          INTO n_loaded, n_rejected
          FROM jeugdnorm_internal.loader_apply(source, 'load_declaraties', 'declaratie',
            format('SELECT * FROM jeugdnorm_internal.loader_declaraties_distributed(%L, %L, NULL, $1, $2)',
                   target_cols, same_line),
            'st.src_no',
            format('SELECT 1 FROM jeugdnorm_internal.loader_declaraties_distributed(%L, %L, $1, NULL, NULL) AS x WHERE x.loaded > 0',
                   target_cols, same_line),
            'exact duplicate of a claim line already loaded') AS a;
        PERFORM jeugdnorm_internal.load_log_end(n_loaded, n_rejected);
        loaded := n_loaded;
        rejected := n_rejected;
        RETURN NEXT;
        RETURN;
    END IF;

    -- Set-based: a line equal to one already loaded or to an earlier line of
    -- the source ($1 = source name) is rejected as a duplicate ($2); window
    -- partitions treat NULLs as equal, as IS NOT DISTINCT FROM.  The
    -- row-by-row safety net goes in source order; each loaded line is in the
    -- table before the next one is checked, so copies inside the source are
    -- still found.
    SELECT a.loaded, a.rejected + n_bad
      INTO n_loaded, n_rejected
      FROM jeugdnorm_internal.loader_apply(source, 'load_declaraties', 'declaratie',
        format($sql$
            WITH c AS (
                SELECT st.*,
                       row_number() OVER (PARTITION BY %1$s ORDER BY src_no) AS copy_no
                  FROM pg_temp.jeugdnorm_loader_stage st
                 WHERE st.reason IS NULL
            ), k AS (
                SELECT c.*,
                       c.copy_no > 1
                       OR EXISTS (SELECT 1 FROM jeugdnorm.declaratie d WHERE %2$s) AS dup
                  FROM c
            ), ins AS (
                INSERT INTO jeugdnorm.declaratie (%1$s)
                SELECT %1$s FROM k WHERE NOT dup ORDER BY src_no
                RETURNING 1
            ), rej AS (
                INSERT INTO jeugdnorm.rejected (source, target, row, reason, source_row_no)
                SELECT $1, 'declaratie', to_jsonb(k.src_row), $2, k.src_no
                  FROM k WHERE dup ORDER BY src_no
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM rej)
            $sql$, target_cols, same_line),
        'st.src_no',
        format($sql$
            INSERT INTO jeugdnorm.declaratie (%1$s)
            SELECT %1$s FROM pg_temp.jeugdnorm_loader_stage c
             WHERE c.src_no = $1
               AND NOT EXISTS (SELECT 1 FROM jeugdnorm.declaratie d WHERE %2$s)
            $sql$, target_cols, same_line),
        'exact duplicate of a claim line already loaded') AS a;
    PERFORM jeugdnorm_internal.load_log_end(n_loaded, n_rejected);
    loaded := n_loaded;
    rejected := n_rejected;
    RETURN NEXT;
END;
$$;
COMMENT ON FUNCTION jeugdnorm.load_declaraties(regclass) IS
    'loads claim lines (JW323/JW303) from any table or view with the contract''s column names into jeugdnorm.declaratie; invalid rows and exact duplicates of lines already loaded go to jeugdnorm.rejected with the reason; returns (loaded, rejected), which add up to the source''s row count';

-- ---- EXECUTE: jeugdnorm_loader only (granted by create_roles()) --------------
-- loader_stage and loader_apply: 85_tenancy.sql.
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.loader_upsert(pg_catalog.regclass, text, text, text, text[], text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.parse_date(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.parse_numeric(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.loader_select_list(pg_catalog.regclass, text, text[], text[], text[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.loader_date_problem(text, date, text, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.loader_numeric_problem(text, numeric, text, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION jeugdnorm_internal.loader_code_problems(text, text, text, text, text, text) FROM PUBLIC;
