-- 10_core.sql: the C core of jeugdnorm (src/c).  Code lists, date scalars,
-- the care_path and verzilvering aggregates and the follow_up window
-- function.  See DEFINITIONS.md sections 3-5 and [R1].

-- ---------------------------------------------------------------------------
-- Code lists (WJ756 eenheid, WJ757 frequentie): one table in C (core_codes.c)
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
