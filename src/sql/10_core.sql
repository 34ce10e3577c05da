-- 10_core.sql: the C core of jeugdnorm (src/core, src/pg).  Code lists, date scalars,
-- the care_path and verzilvering aggregates and the follow_up window
-- function.  See DEFINITIONS.md sections 3-5 and [R1].
-- The aggregates' support functions (*_trans, *_final, *_combine,
-- *_serialize, *_deserialize) live in schema jeugdnorm_internal (0.3.0,
-- 05_internal_schema.sql): nobody calls them by name (an aggregate binds
-- them by OID and PostgreSQL checks EXECUTE on them for the aggregate's
-- owner, not its caller), so `\df jeugdnorm.*` lists only the aggregates.
-- This file is not re-run by the 0.2.0 -> 0.3.0 upgrade; that moves the
-- 0.2.0 support functions with ALTER FUNCTION ... SET SCHEMA
-- (src/upgrade/0.2.0--0.3.0.sql).

-- ---------------------------------------------------------------------------
-- Code lists (WJ756 eenheid, WJ757 frequentie): one table in C (src/core/codes.c)
-- ---------------------------------------------------------------------------

CREATE FUNCTION eenheid_codes(
    OUT code text, OUT omschrijving text, OUT canonical_unit text, OUT factor numeric)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'jn_eenheid_codes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 7;
COMMENT ON FUNCTION eenheid_codes() IS
'iJw WJ756 eenheid codes jeugdnorm knows: code, omschrijving, canonical unit (uur, etmaal, stuks, euro) and the factor to it (canonical volume = volume * factor; minuut 1/60, dagdeel 4).';

CREATE FUNCTION frequentie_codes(OUT code text, OUT omschrijving text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'jn_frequentie_codes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 4;
COMMENT ON FUNCTION frequentie_codes() IS
'iJw WJ757 frequentie codes jeugdnorm knows: 1 per dag, 2 per week, 4 per maand, 6 totaal binnen geldigheidsduur toewijzing.';

CREATE FUNCTION is_eenheid(code text) RETURNS boolean
AS 'MODULE_PATHNAME', 'jn_is_eenheid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION is_eenheid(text) IS
'True when code is a WJ756 eenheid code of eenheid_codes() (exact match, no trimming). NULL for NULL. For CHECK constraints.';

CREATE FUNCTION is_frequentie(code text) RETURNS boolean
AS 'MODULE_PATHNAME', 'jn_is_frequentie'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION is_frequentie(text) IS
'True when code is a WJ757 frequentie code of frequentie_codes() (exact match, no trimming). NULL for NULL. For CHECK constraints.';

CREATE FUNCTION canonical_unit(eenheid text) RETURNS text
AS 'MODULE_PATHNAME', 'jn_canonical_unit'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION canonical_unit(text) IS
'Canonical unit of a WJ756 eenheid code: 01, 04, 16 -> uur; 14 -> etmaal; 82, 84 -> stuks; 83 -> euro. Unknown code: error 22023 naming it.';

CREATE FUNCTION canonical_volume(volume numeric, eenheid text) RETURNS numeric
AS 'MODULE_PATHNAME', 'jn_canonical_volume'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION canonical_volume(numeric, text) IS
'volume in the canonical unit of eenheid: minuut volume/60 (numeric division, trailing zeros trimmed), dagdeel volume*4, others unchanged. Unknown code: error 22023 naming it.';

-- ---------------------------------------------------------------------------
-- Date scalars (src/core/dates.c, src/pg/dates.c).  [R1]: a NULL prev_end / einddatum is
-- an open allocation, so these three are not STRICT; any other NULL argument
-- gives NULL.  '+infinity' as an end date means open; '-infinity' anywhere and
-- '+infinity' as a start or window bound are errors (22008).
-- ---------------------------------------------------------------------------

CREATE FUNCTION is_extension(prev_end date, next_start date, max_gap int DEFAULT 90)
RETURNS boolean
AS 'MODULE_PATHNAME', 'jn_is_extension_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION is_extension(date, date, int) IS
'verlenging test: next_start - prev_end <= max_gap (days; overlap is gap <= 0). NULL prev_end = open earlier allocation: true. NULL next_start or max_gap: NULL. max_gap < 0: error 22023.';

CREATE FUNCTION recidive(prev_end date, next_start date, min_gap int DEFAULT 90, max_gap int DEFAULT 365)
RETURNS boolean
AS 'MODULE_PATHNAME', 'jn_recidive_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION recidive(date, date, int, int) IS
'herhaald beroep test: min_gap < next_start - prev_end <= max_gap (days). NULL prev_end = open earlier allocation: false. Other NULL argument: NULL. Negative bound or min_gap > max_gap: error 22023.';

CREATE FUNCTION allocated_volume(ingangsdatum date, einddatum date, volume numeric,
                                 frequentie text, window_start date, window_end date)
RETURNS numeric
AS 'MODULE_PATHNAME', 'jn_allocated_volume_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION allocated_volume(date, date, numeric, text, date, date) IS
'Allocated volume inside [window_start, window_end]: overlap days d (inclusive; NULL einddatum = open, counts until window_end) times volume per day: 1 per dag volume*d; 2 per week volume*d/7; 4 per maand volume*d*1200/36525; 6 totaal volume*d/allocation days. No overlap: 0. Open totaal with overlap: NULL. NULL volume, frequentie, ingangsdatum or window bound: NULL. Unknown frequentie, einddatum < ingangsdatum (22007), window_end < window_start (22023): error. Exact numeric, multiplied before divided, trailing zeros trimmed.';

CREATE FUNCTION overlap_share(begindatum date, einddatum date, window_start date, window_end date)
RETURNS numeric
AS 'MODULE_PATHNAME', 'jn_overlap_share_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION overlap_share(date, date, date, date) IS
'Days of [begindatum, einddatum] inside [window_start, window_end] / days of the period (inclusive), numeric 0..1: disjoint 0, contained 1. einddatum < begindatum (22007), window_end < window_start (22023), infinite dates (22008): error.';

-- ---------------------------------------------------------------------------
-- Care paths (src/core/path.c, src/pg/care_path.c)
-- ---------------------------------------------------------------------------
-- SSPACE = 144: a group's transition state is one 128-byte chunk (plus the
-- allocator's 16-byte header) while it has at most 2 rows and 24 label
-- bytes, which is most groups.  Without it the planner assumes 8 kB per
-- group for an internal state and plans a HashAggregate that spills to
-- disk after a few thousand groups.
-- FINALFUNC_MODIFY = READ_ONLY (the default, written out because the SQL
-- relies on it): care_path_final sorts a copy of unsorted rows and never
-- changes the state.  It must be READ_ONLY: 40_paths.sql runs care_path as
-- a window aggregate, and PostgreSQL refuses a window aggregate whose final
-- function may modify its state.

CREATE TYPE care_path AS (
    path_no     int,
    start       date,
    einde       date,
    allocations int,
    path        text,
    days        int
);
COMMENT ON TYPE care_path IS
'One care path (zorghulpvraag) of a group: path_no 1.. in start order, start, einde (NULL while open), allocations, path label (labels in order, NULLs skipped, consecutive equal ones collapsed, joined by '' > ''; NULL when all labels are NULL), days = einde - start + 1 (NULL while open).';

CREATE FUNCTION jeugdnorm_internal.care_path_trans(internal, date, date, text)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_care_path_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.care_path_trans(internal, date, date, text, int)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_care_path_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.care_path_combine(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_care_path_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.care_path_serialize(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'jn_care_path_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.care_path_deserialize(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_care_path_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.care_path_final(internal)
RETURNS care_path[] AS 'MODULE_PATHNAME', 'jn_care_path_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm_internal.care_path_trans(internal, date, date, text) IS 'care_path aggregate support: transition (appends a row).';
COMMENT ON FUNCTION jeugdnorm_internal.care_path_trans(internal, date, date, text, int) IS 'care_path aggregate support: transition with max_gap (appends a row).';
COMMENT ON FUNCTION jeugdnorm_internal.care_path_combine(internal, internal) IS 'care_path aggregate support: combine (concatenates two partial states).';
COMMENT ON FUNCTION jeugdnorm_internal.care_path_serialize(internal) IS 'care_path aggregate support: serialise a partial state (versioned bytea).';
COMMENT ON FUNCTION jeugdnorm_internal.care_path_deserialize(bytea, internal) IS 'care_path aggregate support: deserialise a partial state (validated; corrupt input is an error).';
COMMENT ON FUNCTION jeugdnorm_internal.care_path_final(internal) IS 'care_path aggregate support: sort, merge, build the care_path[] result.';

CREATE AGGREGATE care_path(ingangsdatum date, einddatum date, label text) (
    SFUNC = jeugdnorm_internal.care_path_trans,
    STYPE = internal,
    FINALFUNC = jeugdnorm_internal.care_path_final,
    COMBINEFUNC = jeugdnorm_internal.care_path_combine,
    SERIALFUNC = jeugdnorm_internal.care_path_serialize,
    DESERIALFUNC = jeugdnorm_internal.care_path_deserialize,
    SSPACE = 144,
    FINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE care_path(date, date, text) IS
'Care paths of a group (max_gap 90): rows in any order, sorted by (ingangsdatum, einddatum NULLS LAST, label NULLS LAST COLLATE "C"); a row starts a new path when ingangsdatum - running max einddatum > 90 days; an open row (NULL einddatum) keeps its path open. Returns care_path[] in start order; NULL for no rows. NULL ingangsdatum: error 22004; einddatum < ingangsdatum: error 22007.';

CREATE AGGREGATE care_path(ingangsdatum date, einddatum date, label text, max_gap int) (
    SFUNC = jeugdnorm_internal.care_path_trans,
    STYPE = internal,
    FINALFUNC = jeugdnorm_internal.care_path_final,
    COMBINEFUNC = jeugdnorm_internal.care_path_combine,
    SERIALFUNC = jeugdnorm_internal.care_path_serialize,
    DESERIALFUNC = jeugdnorm_internal.care_path_deserialize,
    SSPACE = 144,
    FINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE care_path(date, date, text, int) IS
'Care paths of a group with a given max_gap (days, >= 0, the same on every row of a group: error 22023 otherwise; NULL: error 22004). Otherwise as care_path(date, date, text).';

-- ---------------------------------------------------------------------------
-- Verzilvering (src/pg/verzilvering.c)
-- ---------------------------------------------------------------------------
-- SSPACE = 128: a group's state is a 32-byte struct (a 48-byte chunk with
-- the allocator's header) and its two running sums, each a numeric copy in
-- its own chunk (32 bytes for sums of up to 8 significant digits); measured
-- 126 bytes per group at 200,000 groups (bench/RESULTS.md, "Aggregate
-- properties").  Without it the planner assumes 8 kB per group and a hash
-- aggregate over 200,000 groups spills (33 batches, 62 MB written at
-- work_mem 64MB) where 53 MB in memory suffice.  (0.3.0; the upgrade from
-- 0.2.0 sets it in pg_aggregate, src/upgrade/0.2.0--0.3.0.sql.)
-- FINALFUNC_MODIFY = READ_ONLY: verzilvering_final only reads the sums.

CREATE FUNCTION jeugdnorm_internal.verzilvering_trans(internal, numeric, numeric)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_verzilvering_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.verzilvering_combine(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_verzilvering_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.verzilvering_serialize(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'jn_verzilvering_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.verzilvering_deserialize(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_verzilvering_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.verzilvering_final(internal)
RETURNS numeric AS 'MODULE_PATHNAME', 'jn_verzilvering_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm_internal.verzilvering_trans(internal, numeric, numeric) IS 'verzilvering aggregate support: transition (adds the non-NULL inputs).';
COMMENT ON FUNCTION jeugdnorm_internal.verzilvering_combine(internal, internal) IS 'verzilvering aggregate support: combine (adds two partial sums).';
COMMENT ON FUNCTION jeugdnorm_internal.verzilvering_serialize(internal) IS 'verzilvering aggregate support: serialise a partial state (versioned bytea).';
COMMENT ON FUNCTION jeugdnorm_internal.verzilvering_deserialize(bytea, internal) IS 'verzilvering aggregate support: deserialise a partial state (validated; corrupt input is an error).';
COMMENT ON FUNCTION jeugdnorm_internal.verzilvering_final(internal) IS 'verzilvering aggregate support: sum(claimed) / sum(allocated) or NULL.';

CREATE AGGREGATE verzilvering(claimed numeric, allocated numeric) (
    SFUNC = jeugdnorm_internal.verzilvering_trans,
    STYPE = internal,
    FINALFUNC = jeugdnorm_internal.verzilvering_final,
    COMBINEFUNC = jeugdnorm_internal.verzilvering_combine,
    SERIALFUNC = jeugdnorm_internal.verzilvering_serialize,
    DESERIALFUNC = jeugdnorm_internal.verzilvering_deserialize,
    SSPACE = 128,
    FINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE verzilvering(numeric, numeric) IS
'Realisation (uitnuttingspercentage) as a fraction: sum(claimed) / sum(allocated) in exact numeric (equal to SQL''s sum(claimed)/sum(allocated)). NULL inputs are skipped one by one; NULL when sum(allocated) is 0 or NULL or every claimed input is NULL.';

-- ---------------------------------------------------------------------------
-- Follow-up window function (src/core/follow_up.c, src/pg/follow_up.c).  Flags as PostgreSQL's own window
-- functions (lag, row_number): IMMUTABLE, PARALLEL SAFE.  Not STRICT: a NULL
-- einddatum is an open allocation.
-- ---------------------------------------------------------------------------

CREATE TYPE follow_up_result AS (follow_up text, gap_days int);
COMMENT ON TYPE follow_up_result IS
'Result of follow_up(): follow_up in (''eerste'', ''verlenging'', ''recidive'', ''nieuw''), gap_days = ingangsdatum - running max einddatum of the earlier rows (NULL for eerste and after an open earlier allocation).';

CREATE FUNCTION follow_up(ingangsdatum date, einddatum date,
                          extension_days int DEFAULT 90, recidive_days int DEFAULT 365)
RETURNS follow_up_result
AS 'MODULE_PATHNAME', 'jn_follow_up'
LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION follow_up(date, date, int, int) IS
'Window function: follow-up class of each allocation in its partition, which must be ORDER BY ingangsdatum, einddatum NULLS LAST (then toewijzingnummer, gemeente). First row: (eerste, NULL). After an open earlier allocation: (verlenging, NULL). Else gap = ingangsdatum - running max einddatum: gap <= extension_days verlenging, <= recidive_days recidive, else nieuw. Errors: rows out of order (22000, both rows named), NULL ingangsdatum or bound (22004), einddatum < ingangsdatum (22007), negative bound or recidive_days < extension_days (22023).';
