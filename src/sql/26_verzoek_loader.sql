-- ---------------------------------------------------------------------------
-- 26_verzoek_loader.sql (new in 0.2.0) -- load_verzoeken(source)
--
-- Loads requests for an allocation (JW315, with their answer; DEFINITIONS.md
-- section 9, table jeugdnorm.verzoek of 22_steering_schema.sql) the way
-- load_toewijzingen and load_declaraties load their tables (25_loaders.sql):
-- the same two helpers, jeugdnorm_internal.loader_stage and
-- jeugdnorm_internal.loader_apply, so the same guarantees hold:
--   * any table or view whose column names are the contract's; extra columns
--     are ignored, a missing optional column reads as NULL, a source without
--     gemeente, verzoeknummer or ontvangen is an error up front (42703);
--   * every valid row is loaded, every other row goes to jeugdnorm.rejected
--     (target 'verzoek') with its reason(s) in words; a row the checks did
--     not foresee but the database refuses is rejected with the database's
--     message (row-by-row safety net).  Nothing is ever lost:
--     loaded + rejected = the number of rows in the source, always;
--   * dates only as ISO YYYY-MM-DD, numbers only as plain decimals;
--   * bsn: a source may give the client as `bsn` instead of `client_id`; the
--     stored client_id is then pseudonymise(bsn), a bsn failing the elfproef
--     rejects the row ('bsn fails the elfproef'), and rejected.row holds the
--     bsn masked (loader_select_list / loader_stage, 86_pseudonym.sql).
--
-- Reasons (the rules of the table's CHECK constraints, in words): gemeente
-- missing or not 4 digits; verzoeknummer missing or empty; aanbieder,
-- productcategorie, productcode not in their format; unknown eenheid or
-- frequentie code; ontvangen missing or not a date; gewenste_ingangsdatum or
-- antwoord_datum not a date; antwoord_datum before ontvangen; volume not a
-- number or negative; antwoord other than 'toegewezen' / 'afgewezen';
-- reden_afwijzing not a WJ759 code (one digit '1'..'9'); an empty
-- toewijzingnummer.  Several problems of one row are joined by '; '.
--
-- Decision: a repeated (gemeente, verzoeknummer) is a later message about
-- the same request (typically the answer arriving after the request), as
-- for load_toewijzingen:
--   * a row whose key is already in jeugdnorm.verzoek updates it; columns
--     the source has replace the stored values (NULL included), columns the
--     source does not have are left as they are (NULL on insert);
--   * within one source, rows of one key are applied in the order the source
--     is read (a table: physical order, which is insertion order for a
--     freshly filled table; a view: its output order, so give it an ORDER BY
--     when that matters) and the last one wins.  That is the same as loading
--     the rows one at a time, so a superseded row counts as loaded, not
--     rejected.  (Unlike toewijzing there is no message date to order by:
--     antwoord_datum is a fact of the answer, and a correction of it must
--     still win when it comes later.)
--   * an update that would make the stored row inconsistent (e.g. a source
--     with only a later ontvangen, while the stored antwoord_datum is
--     earlier) is refused by the table's CHECK; the safety net then rejects
--     that row with the database's message.
-- ---------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION jeugdnorm.load_verzoeken(source regclass)
    RETURNS TABLE (loaded bigint, rejected bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    names    constant text[] := ARRAY['gemeente', 'verzoeknummer', 'client_id',
        'aanbieder', 'productcategorie', 'productcode', 'ontvangen',
        'gewenste_ingangsdatum', 'volume', 'eenheid', 'frequentie', 'antwoord',
        'antwoord_datum', 'reden_afwijzing', 'toewijzingnummer'];
    types    constant text[] := ARRAY['text', 'text', 'text', 'text', 'text', 'text',
        'date', 'date', 'numeric', 'text', 'text', 'text', 'date', 'text', 'text'];
    required constant text[] := ARRAY['gemeente', 'verzoeknummer', 'ontvangen'];
    -- The shared code checks (loader_code_problems) take a toewijzingnummer
    -- that is required for the other tables; here it is optional, so a
    -- missing one is passed as a placeholder and only an empty one is a
    -- problem ('toewijzingnummer is empty').
    reasons  constant text := $sql$
                   CASE WHEN verzoeknummer IS NULL THEN 'verzoeknummer is missing'
                        WHEN verzoeknummer = '' THEN 'verzoeknummer is empty' END,
                   nullif(jeugdnorm_internal.loader_code_problems(gemeente, coalesce(toewijzingnummer, '-'),
                          aanbieder, productcategorie, productcode, eenheid), ''),
                   bsn_problem,
                   jeugdnorm_internal.loader_date_problem('ontvangen', ontvangen, ontvangen__raw, true),
                   jeugdnorm_internal.loader_date_problem('gewenste_ingangsdatum', gewenste_ingangsdatum,
                                                 gewenste_ingangsdatum__raw, false),
                   jeugdnorm_internal.loader_date_problem('antwoord_datum', antwoord_datum, antwoord_datum__raw, false),
                   CASE WHEN antwoord_datum < ontvangen
                        THEN format('antwoord_datum %s is before ontvangen %s',
                                    to_char(antwoord_datum, 'YYYY-MM-DD'), to_char(ontvangen, 'YYYY-MM-DD')) END,
                   jeugdnorm_internal.loader_numeric_problem('volume', volume, volume__raw, true),
                   CASE WHEN NOT jeugdnorm.is_frequentie(frequentie)
                        THEN format('unknown frequentie code %L', frequentie) END,
                   CASE WHEN antwoord NOT IN ('toegewezen', 'afgewezen')
                        THEN format('antwoord %L is not ''toegewezen'' or ''afgewezen''', antwoord) END,
                   CASE WHEN NOT jeugdnorm.is_reden_afwijzing(reden_afwijzing)
                        THEN format('reden_afwijzing %L is not a WJ759 code (one digit 1..9)', reden_afwijzing) END
        $sql$;
    n_bad    bigint;
    n_loaded   bigint;
    n_rejected bigint;
BEGIN
    n_bad := jeugdnorm_internal.loader_stage(source, 'load_verzoeken', 'verzoek',
                                    names, types, required, reasons);
    -- as load_toewijzingen (jeugdnorm_internal.loader_upsert): the last row per
    -- request in the source's order wins and updates a stored request
    SELECT a.loaded, a.rejected + n_bad
      INTO n_loaded, n_rejected
      FROM jeugdnorm_internal.loader_upsert(source, 'load_verzoeken', 'verzoek', 'verzoeknummer', names,
                                   'src_no DESC', 'st.src_no') AS a;
    PERFORM jeugdnorm_internal.load_log_end(n_loaded, n_rejected);
    loaded := n_loaded;
    rejected := n_rejected;
    RETURN NEXT;
END;
$$;
COMMENT ON FUNCTION jeugdnorm.load_verzoeken(regclass) IS
    'loads requests for an allocation (JW315, with their answer) from any table or view with the contract''s column names into jeugdnorm.verzoek; an existing (gemeente, verzoeknummer) is updated (within the source the last row wins); invalid rows go to jeugdnorm.rejected (target ''verzoek'') with the reason; returns (loaded, rejected), which add up to the source''s row count';

-- Writes to jeugdnorm.rejected, like the other loaders: not for PUBLIC
-- (jeugdnorm.create_roles() grants it to jeugdnorm_loader).
REVOKE EXECUTE ON FUNCTION jeugdnorm.load_verzoeken(pg_catalog.regclass) FROM PUBLIC;
