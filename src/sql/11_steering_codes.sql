-- 11_steering_codes.sql (new in 0.2.0): the code lists of DEFINITIONS.md
-- section 9, one table each in C (src/core/codes.c): COD327 verwijzer, JZ588
-- reden beeindiging with its CBS class ([S1]), WJ759 reden afwijzing.  The
-- views take labels from these listings and the CHECK constraints use the
-- is_* tests, so no code is written in SQL.

CREATE FUNCTION verwijzer_codes(OUT code text, OUT omschrijving text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'jn_verwijzer_codes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 7;
COMMENT ON FUNCTION verwijzer_codes() IS
'iJw COD327 verwijzer (referrer) codes jeugdnorm knows: 01 gemeente, 02 huisarts, 03 jeugdarts, 04 gecertificeerde instelling, 05 medisch specialist, 06 zelfverwijzer/geen verwijzer, 08 rechter, officier van justitie of JJI.';

CREATE FUNCTION reden_beeindiging_codes(OUT code text, OUT omschrijving text, OUT reason text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'jn_reden_beeindiging_codes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 11;
COMMENT ON FUNCTION reden_beeindiging_codes() IS
'iJw JZ588 reden beeindiging (JW307 ending reason) codes jeugdnorm knows, with reason = the CBS class of [S1] (volgens plan; voortijdig, in overeenstemming; voortijdig, eenzijdig door de cliënt; voortijdig, eenzijdig door de aanbieder; voortijdig, externe omstandigheden; overig).';

CREATE FUNCTION reden_beeindiging_classes(OUT reason text, OUT reason_code text, OUT ordinal integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'jn_reden_beeindiging_classes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 7;
COMMENT ON FUNCTION reden_beeindiging_classes() IS
'The CBS classes of ending reasons ([S1]) in the contract''s order (ordinal 1..7): reason label and reason_code as the contract writes it (''35,02''); ''onbekend'' has a NULL reason_code.';

CREATE FUNCTION is_verwijzer(code text) RETURNS boolean
AS 'MODULE_PATHNAME', 'jn_is_verwijzer'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION is_verwijzer(text) IS
'True when code is a COD327 verwijzer code of verwijzer_codes() (exact match, no trimming). NULL for NULL. For CHECK constraints.';

CREATE FUNCTION is_reden_beeindiging(code text) RETURNS boolean
AS 'MODULE_PATHNAME', 'jn_is_reden_beeindiging'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION is_reden_beeindiging(text) IS
'True when code is a JZ588 reden beeindiging code of reden_beeindiging_codes() (exact match, no trimming). NULL for NULL. For CHECK constraints.';

CREATE FUNCTION is_reden_afwijzing(code text) RETURNS boolean
AS 'MODULE_PATHNAME', 'jn_is_reden_afwijzing'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION is_reden_afwijzing(text) IS
'True when code is a WJ759 reden afwijzing code: one digit ''1''..''9'' (exact match). NULL for NULL. For CHECK constraints.';
