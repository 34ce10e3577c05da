-- 12_follow_up_agg.sql (new in 0.3.0): the follow_up_agg aggregate, the
-- follow-up classes of DEFINITIONS.md 3 / [R2] per group of a GROUP BY
-- (client_id, product) instead of per window partition.  Why: a window
-- function needs the whole input sorted by (partition, order); this
-- aggregate groups with a hash and sorts only inside each (small) group,
-- the shape that makes care_path faster than plain SQL (issue 16 part 3).
-- It runs the same C step as the window function follow_up() (10_core.sql),
-- src/core/follow_up.c, so the classes are the same by construction, and
-- test/core_follow_up_agg.sql checks it on random data.  The state,
-- combine, serialise and deserialise are care_path's (src/pg/group_state.c),
-- so it runs in parallel like care_path.  The support functions live in
-- schema jeugdnorm_internal, as care_path's do (10_core.sql).

CREATE TYPE follow_up_row AS (toewijzingnummer text, follow_up text, gap_days int);
COMMENT ON TYPE follow_up_row IS
'One element of follow_up_agg(): the allocation''s toewijzingnummer, its follow_up class (''eerste'', ''verlenging'', ''recidive'', ''nieuw'') and gap_days = ingangsdatum - running max einddatum of the earlier allocations of the group (NULL for eerste and after an open earlier allocation), as follow_up() gives them.';

CREATE FUNCTION jeugdnorm_internal.follow_up_agg_trans(internal, text, date, date)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_follow_up_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.follow_up_agg_trans(internal, text, date, date, int)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_follow_up_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.follow_up_agg_trans(internal, text, date, date, int, int)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_follow_up_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.follow_up_agg_combine(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_follow_up_agg_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.follow_up_agg_serialize(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'jn_follow_up_agg_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.follow_up_agg_deserialize(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_follow_up_agg_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.follow_up_agg_final(internal)
RETURNS follow_up_row[] AS 'MODULE_PATHNAME', 'jn_follow_up_agg_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm_internal.follow_up_agg_trans(internal, text, date, date) IS 'follow_up_agg aggregate support: transition (appends a row; bounds 90 and 365).';
COMMENT ON FUNCTION jeugdnorm_internal.follow_up_agg_trans(internal, text, date, date, int) IS 'follow_up_agg aggregate support: transition with extension_days (appends a row; recidive_days 365).';
COMMENT ON FUNCTION jeugdnorm_internal.follow_up_agg_trans(internal, text, date, date, int, int) IS 'follow_up_agg aggregate support: transition with both bounds (appends a row).';
COMMENT ON FUNCTION jeugdnorm_internal.follow_up_agg_combine(internal, internal) IS 'follow_up_agg aggregate support: combine (concatenates two partial states).';
COMMENT ON FUNCTION jeugdnorm_internal.follow_up_agg_serialize(internal) IS 'follow_up_agg aggregate support: serialise a partial state (versioned bytea).';
COMMENT ON FUNCTION jeugdnorm_internal.follow_up_agg_deserialize(bytea, internal) IS 'follow_up_agg aggregate support: deserialise a partial state (validated; corrupt input is an error).';
COMMENT ON FUNCTION jeugdnorm_internal.follow_up_agg_final(internal) IS 'follow_up_agg aggregate support: sort, classify, build the follow_up_row[] result.';

-- CREATE AGGREGATE takes no DEFAULTs, so the defaults of the contract
-- signature (extension_days 90, recidive_days 365) are three aggregates,
-- as care_path's max_gap is two.
-- SSPACE = 144 and FINALFUNC_MODIFY = READ_ONLY: care_path's state and the
-- same reasons (10_core.sql); the final function sorts a copy.
CREATE AGGREGATE follow_up_agg(toewijzingnummer text, ingangsdatum date, einddatum date) (
    SFUNC = jeugdnorm_internal.follow_up_agg_trans,
    STYPE = internal,
    FINALFUNC = jeugdnorm_internal.follow_up_agg_final,
    COMBINEFUNC = jeugdnorm_internal.follow_up_agg_combine,
    SERIALFUNC = jeugdnorm_internal.follow_up_agg_serialize,
    DESERIALFUNC = jeugdnorm_internal.follow_up_agg_deserialize,
    SSPACE = 144,
    FINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE follow_up_agg(toewijzingnummer text, ingangsdatum date, einddatum date,
                               extension_days int) (
    SFUNC = jeugdnorm_internal.follow_up_agg_trans,
    STYPE = internal,
    FINALFUNC = jeugdnorm_internal.follow_up_agg_final,
    COMBINEFUNC = jeugdnorm_internal.follow_up_agg_combine,
    SERIALFUNC = jeugdnorm_internal.follow_up_agg_serialize,
    DESERIALFUNC = jeugdnorm_internal.follow_up_agg_deserialize,
    SSPACE = 144,
    FINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE follow_up_agg(toewijzingnummer text, ingangsdatum date, einddatum date,
                               extension_days int, recidive_days int) (
    SFUNC = jeugdnorm_internal.follow_up_agg_trans,
    STYPE = internal,
    FINALFUNC = jeugdnorm_internal.follow_up_agg_final,
    COMBINEFUNC = jeugdnorm_internal.follow_up_agg_combine,
    SERIALFUNC = jeugdnorm_internal.follow_up_agg_serialize,
    DESERIALFUNC = jeugdnorm_internal.follow_up_agg_deserialize,
    SSPACE = 144,
    FINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE follow_up_agg(text, date, date) IS
'Follow-up classes of a group (e.g. GROUP BY client_id, product), bounds 90 and 365 days: rows in any order, sorted by (ingangsdatum, einddatum NULLS LAST, toewijzingnummer NULLS LAST COLLATE "C"), classified exactly as the window function follow_up() classifies them in that order. Returns follow_up_row[] (toewijzingnummer, follow_up, gap_days) in that order, to be unnested; NULL for no rows. NULL ingangsdatum: error 22004; einddatum < ingangsdatum: error 22007.';
COMMENT ON AGGREGATE follow_up_agg(text, date, date, int) IS
'Follow-up classes of a group with a given extension_days (recidive_days 365); otherwise as follow_up_agg(text, date, date).';
COMMENT ON AGGREGATE follow_up_agg(text, date, date, int, int) IS
'Follow-up classes of a group with given extension_days and recidive_days (the same on every row of a group: error 22023 otherwise; NULL: error 22004; negative or recidive_days < extension_days: error 22023); otherwise as follow_up_agg(text, date, date).';
