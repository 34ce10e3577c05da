-- Pseudonymisation (issue 9, part 3), pgTAP:
--  * jeugdnorm.hmac_sha256 is byte for byte pgcrypto's hmac(.., 'sha256')
--    (pgcrypto from contrib, created here inside the transaction only);
--  * same BSN + key -> same pseudonym; another key -> another pseudonym;
--  * the key is readable by nobody without a grant; a role with EXECUTE on
--    pseudonymise (what jeugdnorm_loader gets) pseudonymises without being
--    able to read the key; PUBLIC cannot pseudonymise;
--  * after loading sources with BSNs, no value in any table or materialised
--    view of the extension passes the elfproef or contains a loaded BSN.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(31);

SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgcrypto') AS have_pgcrypto \gset
\if :have_pgcrypto
CREATE SCHEMA jn_pgcrypto;
CREATE EXTENSION pgcrypto SCHEMA jn_pgcrypto;
SELECT is(
    (SELECT count(*) FROM generate_series(0, 200) AS g(i)
      CROSS JOIN LATERAL (SELECT convert_to(repeat(md5(i::text), i % 7), 'UTF8') AS data,
                                 -- key lengths 0 .. 200 bytes: below, at and above the 64-byte block
                                 substr(convert_to(repeat(md5((i * 31)::text), 7), 'UTF8'), 1, i) AS key) AS v
     WHERE jeugdnorm.hmac_sha256(v.data, v.key) IS DISTINCT FROM jn_pgcrypto.hmac(v.data, v.key, 'sha256')),
    0::bigint,
    'hmac_sha256 equals pgcrypto hmac(data, key, ''sha256'') for 201 data/key pairs, keys of 0..200 bytes');
\else
SELECT pass('pgcrypto not available: hmac_sha256 is checked against RFC 4231 in sql/90_security_pseudonym.sql');
\endif

-- ---- key rules ---------------------------------------------------------------
SELECT throws_ok($$SELECT jeugdnorm.pseudonymise('123456782')$$, '55000',
    'no pseudonym key is set', 'pseudonymise without a key: 55000');
SELECT throws_ok($$SELECT jeugdnorm.set_pseudonym_key(repeat('k', 31))$$, '22023',
    'a pseudonym key must be at least 32 bytes long', 'a key of 31 bytes is refused: 22023');
SELECT lives_ok($$SELECT jeugdnorm.set_pseudonym_key('region noord-limburg key: 7f3a9c1e2b')$$,
    'a key of 37 bytes is accepted');
SELECT throws_ok($$SELECT jeugdnorm.pseudonymise('123456789')$$, '22023',
    'value is not a valid BSN (elfproef)', 'an invalid BSN: 22023, without the value in the message');

CREATE TEMP TABLE jn_p1 AS
SELECT v AS bsn, jeugdnorm.pseudonymise(v) AS p
  FROM (VALUES ('123456782'), ('111222333'), ('999999990')) AS t(v);
SELECT is((SELECT count(*) FROM jn_p1 WHERE p ~ '^[0-9a-f]{64}$'), 3::bigint,
    'a pseudonym is 64 lower-case hex characters');
SELECT is((SELECT count(DISTINCT p) FROM jn_p1), 3::bigint, 'different BSNs give different pseudonyms');
SELECT is((SELECT count(*) FROM jn_p1 WHERE p = jeugdnorm.pseudonymise(bsn)), 3::bigint,
    'same BSN + same key: same pseudonym');
\if :have_pgcrypto
SELECT is((SELECT count(*) FROM jn_p1
            WHERE p = encode(jn_pgcrypto.hmac(bsn, 'region noord-limburg key: 7f3a9c1e2b', 'sha256'), 'hex')),
    3::bigint, 'pseudonym = hex pgcrypto hmac(bsn, key, ''sha256'')');
\else
SELECT pass('pgcrypto not available');
\endif
SELECT throws_ok($$SELECT jeugdnorm.set_pseudonym_key('another region key, 32 bytes long!')$$,
    '55000', 'a different pseudonym key is already set', 'a different key is refused without replace');
SELECT lives_ok($$SELECT jeugdnorm.set_pseudonym_key('another region key, 32 bytes long!', replace => true)$$,
    'replace => true sets another key');
SELECT is((SELECT count(*) FROM jn_p1 WHERE p <> jeugdnorm.pseudonymise(bsn)), 3::bigint,
    'another key: another pseudonym for every BSN');
SELECT is(jeugdnorm.pseudonymise('123456782'),
    '58facd8397d9902121953fd1401508a2fb120749d47382d81f917ae7b9f54ad8',
    'the value under the new key (openssl dgst -sha256 -hmac)');

-- ---- privileges ----------------------------------------------------------------
SELECT is(has_table_privilege('public', 'jeugdnorm.pseudonym_key', 'SELECT'), false,
    'PUBLIC cannot read the key table');
SELECT is(has_function_privilege('public', 'jeugdnorm.pseudonymise(text)', 'EXECUTE'), false,
    'PUBLIC cannot pseudonymise (a reader could pseudonymise every BSN and re-identify client_ids)');
SELECT is(has_function_privilege('public', 'jeugdnorm.set_pseudonym_key(text, boolean)', 'EXECUTE'), false,
    'PUBLIC cannot set the key');
SELECT is((SELECT prosecdef FROM pg_proc WHERE oid = 'jeugdnorm.pseudonymise(text)'::regprocedure), true,
    'pseudonymise is SECURITY DEFINER');

CREATE ROLE jn_sec_nobody;
CREATE ROLE jn_sec_loader;
GRANT USAGE ON SCHEMA jeugdnorm TO jn_sec_nobody, jn_sec_loader;
GRANT EXECUTE ON FUNCTION jeugdnorm.pseudonymise(text) TO jn_sec_loader;
SET LOCAL ROLE jn_sec_nobody;
SELECT throws_ok($$SELECT key FROM jeugdnorm.pseudonym_key$$, '42501', NULL,
    'a role without grants cannot read the key');
SELECT throws_ok($$SELECT jeugdnorm.pseudonymise('123456782')$$, '42501', NULL,
    'a role without EXECUTE cannot pseudonymise');
RESET ROLE;
SET LOCAL ROLE jn_sec_loader;
SELECT is(jeugdnorm.pseudonymise('123456782'),
    '58facd8397d9902121953fd1401508a2fb120749d47382d81f917ae7b9f54ad8',
    'a role with EXECUTE pseudonymises through SECURITY DEFINER');
SELECT throws_ok($$SELECT key FROM jeugdnorm.pseudonym_key$$, '42501', NULL,
    'a role with EXECUTE on pseudonymise still cannot read the key');
SELECT throws_ok($$SELECT jeugdnorm.set_pseudonym_key('yet another key that is long enough!!', true)$$,
    '42501', NULL, 'nor set it');
RESET ROLE;
-- what jeugdnorm_admin gets: EXECUTE on set_pseudonym_key, nothing on the
-- table or on jeugdnorm_internal (SECURITY DEFINER does the rest)
CREATE ROLE jn_sec_admin;
GRANT USAGE ON SCHEMA jeugdnorm TO jn_sec_admin;
GRANT EXECUTE ON FUNCTION jeugdnorm.set_pseudonym_key(text, boolean) TO jn_sec_admin;
SET LOCAL ROLE jn_sec_admin;
SELECT lives_ok($$SELECT jeugdnorm.set_pseudonym_key('a third key, also 32 bytes or more', replace => true),
                         jeugdnorm.set_pseudonym_key('another region key, 32 bytes long!', replace => true)$$,
    'a role with EXECUTE on set_pseudonym_key (and no table privileges) replaces the key');
RESET ROLE;
SELECT is(jeugdnorm.pseudonymise('123456782'),
    '58facd8397d9902121953fd1401508a2fb120749d47382d81f917ae7b9f54ad8',
    'after setting the key back, the same pseudonym again');

-- ---- no BSN anywhere after loading sources with BSNs ----------------------------------
\i test/fixtures/small_region.sql
CREATE TEMP TABLE jn_sec_bsns (bsn text);
-- 60 valid BSNs (the first 60 9-digit numbers from 100000000 up passing the
-- elfproef) and 20 invalid ones
INSERT INTO jn_sec_bsns
SELECT v FROM (SELECT (100000000 + g)::text AS v FROM generate_series(0, 2000) AS g) AS s
 WHERE jeugdnorm.is_valid_bsn(v) ORDER BY v LIMIT 60;
INSERT INTO jn_sec_bsns SELECT (200000000 + g * 7)::text FROM generate_series(1, 40) AS g
 WHERE NOT jeugdnorm.is_valid_bsn((200000000 + g * 7)::text) LIMIT 20;
CREATE TEMP TABLE jn_sec_alloc AS
SELECT '0758'::text AS gemeente, 'BSN' || row_number() OVER (ORDER BY bsn) AS toewijzingnummer,
       bsn, '12345678'::text AS aanbieder, '45'::text AS productcategorie, '45A12'::text AS productcode,
       date '2024-01-01' + (row_number() OVER (ORDER BY bsn))::integer AS ingangsdatum,
       date '2024-06-30' AS einddatum, 4::numeric AS volume, '04'::text AS eenheid, '2'::text AS frequentie
  FROM jn_sec_bsns;
CREATE TEMP TABLE jn_sec_claim AS
SELECT gemeente, toewijzingnummer, bsn, ingangsdatum AS begindatum, ingangsdatum + 20 AS einddatum,
       8::numeric AS volume, '04'::text AS eenheid, 400::numeric AS bedrag
  FROM jn_sec_alloc;
SELECT results_eq($$SELECT * FROM jeugdnorm.load_toewijzingen('jn_sec_alloc')$$,
    $$VALUES (60::bigint, 20::bigint)$$, 'allocations with BSNs: 60 valid loaded, 20 invalid rejected');
SELECT results_eq($$SELECT * FROM jeugdnorm.load_declaraties('jn_sec_claim')$$,
    $$VALUES (60::bigint, 20::bigint)$$, 'claim lines with BSNs: 60 valid loaded, 20 invalid rejected');
SELECT is((SELECT count(*) FROM jeugdnorm.rejected WHERE reason LIKE 'bsn fails the elfproef%'), 40::bigint,
    'every invalid BSN is rejected with the reason "bsn fails the elfproef"');
SELECT is((SELECT count(*) FROM jeugdnorm.toewijzing t JOIN jn_sec_alloc s USING (gemeente, toewijzingnummer)
            WHERE t.client_id = CASE WHEN jeugdnorm.is_valid_bsn(s.bsn) THEN jeugdnorm.pseudonymise(s.bsn) END),
    60::bigint,
    'every loaded allocation has client_id = pseudonymise(bsn)');
SELECT count(*) AS refreshed FROM jeugdnorm.refresh() \gset

-- Every value (json scalars included, recursively) of every table and
-- materialised view of the extension: none passes the elfproef, and none
-- contains one of the BSNs loaded (as text, also inside a longer value).
CREATE TEMP TABLE jn_sec_values (rel regclass, v text);
DO $$
DECLARE
    r regclass;
BEGIN
    FOR r IN SELECT c.oid::regclass FROM pg_class c
              WHERE c.relnamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace)
                AND c.relkind IN ('r', 'm')
    LOOP
        EXECUTE format($q$
            INSERT INTO jn_sec_values
            WITH RECURSIVE j(v) AS (
                SELECT to_jsonb(t) FROM %s AS t
                UNION ALL
                SELECT e.value FROM j, LATERAL (
                    SELECT value FROM jsonb_each(CASE WHEN jsonb_typeof(j.v) = 'object' THEN j.v END)
                    UNION ALL
                    SELECT value FROM jsonb_array_elements(CASE WHEN jsonb_typeof(j.v) = 'array' THEN j.v END)) AS e
            )
            SELECT %L::regclass, v #>> '{}' FROM j WHERE jsonb_typeof(v) IN ('string', 'number')$q$, r, r);
    END LOOP;
END;
$$;
SELECT cmp_ok((SELECT count(DISTINCT rel) FROM jn_sec_values), '>=', 10::bigint,
    'the scan read the input tables, rejected and the materialised views');
SELECT is((SELECT count(*) FROM jn_sec_values WHERE jeugdnorm.is_valid_bsn(v)), 0::bigint,
    'no value in any table or materialised view of the extension passes the elfproef');
SELECT is((SELECT count(*) FROM jn_sec_values x JOIN jn_sec_bsns b ON strpos(x.v, b.bsn) > 0), 0::bigint,
    'no value contains a loaded BSN');

SELECT * FROM finish();
ROLLBACK;
