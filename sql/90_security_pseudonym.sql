-- Pseudonymisation (issue 9, part 3): elfproef, HMAC-SHA256, the key, the
-- loaders with a bsn column.  Expected values are computed independently:
-- elfproef sums by hand (in the comments), HMACs from RFC 4231 and from
-- `printf <bsn> | openssl dgst -sha256 -hmac <key>`.
CREATE EXTENSION jeugdnorm;
\set VERBOSITY terse

-- ---- elfproef ----------------------------------------------------------------
-- 123456782: 9*1+8*2+7*3+6*4+5*5+4*6+3*7+2*8 - 2 = 156 - 2 = 154 = 14*11  valid
-- 111222333: 9+8+7+12+10+8+9+6 - 3 = 66 = 6*11                         valid
-- 999999990: 9*(9+8+7+6+5+4+3+2) - 0 = 396 = 36*11                       valid
-- 123456789: 156 - 9 = 147 = 13*11 + 4                                   invalid
-- 000000000: sum 0, but all zeros is never a BSN                         invalid
SELECT v, jeugdnorm.is_valid_bsn(v)
  FROM (VALUES ('123456782'), ('111222333'), ('999999990'), ('123456789'),
               ('000000000'), ('12345678'), ('1234567820'), ('12345678a'),
               (' 23456782'), ('123456782 '), (''), (NULL)) AS t(v);

-- ---- HMAC-SHA256: RFC 4231 test cases 1, 2 and 6 (key longer than a block) -----
SELECT encode(jeugdnorm.hmac_sha256('Hi There', decode(repeat('0b', 20), 'hex')), 'hex') AS tc1,
       encode(jeugdnorm.hmac_sha256('what do ya want for nothing?', 'Jefe'), 'hex') AS tc2,
       encode(jeugdnorm.hmac_sha256('Test Using Larger Than Block-Size Key - Hash Key First',
                                    decode(repeat('aa', 131), 'hex')), 'hex') AS tc6;
-- expected tc1 b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7
--          tc2 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843
--          tc6 60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54

-- ---- the key -------------------------------------------------------------------
SELECT jeugdnorm.pseudonymise('123456782');                  -- no key yet: 55000
SELECT jeugdnorm.set_pseudonym_key('short');                 -- 5 bytes
SELECT jeugdnorm.set_pseudonym_key(repeat('x', 31));         -- 31 bytes
SELECT jeugdnorm.set_pseudonym_key(NULL);
SELECT count(*) AS keys FROM jeugdnorm.pseudonym_key;        -- still none
-- 16 characters, but 32 bytes in UTF-8: the rule counts bytes
SELECT jeugdnorm.set_pseudonym_key(repeat('é', 16));
SELECT octet_length(key) AS key_bytes, length(inner_pad) AS pad_bytes FROM jeugdnorm.pseudonym_key;
-- openssl: 4bd4ded505f1d335fd682711f5610f6d98bb4bcac5954ca948c1b02e090f8204
SELECT jeugdnorm.pseudonymise('123456782');
-- a different key is refused without replace => true; the same key again is fine
SELECT jeugdnorm.set_pseudonym_key('0123456789abcdef0123456789abcdef');
SELECT jeugdnorm.set_pseudonym_key(repeat('é', 16));
SELECT jeugdnorm.set_pseudonym_key('0123456789abcdef0123456789abcdef', replace => true);
SELECT count(*) AS keys FROM jeugdnorm.pseudonym_key;
-- openssl: 123456782 -> d78093b2d73e55b7c03f9963eef11e465f35bdba91d9fcff8738124a0a49a02d
--          111222333 -> 5e8873bcbe304b974c6265e78e74aecba0566bc56f823b63e0992da9bd70fa34
SELECT v, jeugdnorm.pseudonymise(v) FROM (VALUES ('123456782'), ('111222333')) AS t(v);
-- invalid values: the message gives no value
SELECT jeugdnorm.pseudonymise('123456789');
SELECT jeugdnorm.pseudonymise('12345678');
SELECT jeugdnorm.pseudonymise(NULL) IS NULL AS strict_null;
-- pseudonymise equals hmac_sha256 under the stored key
SELECT jeugdnorm.pseudonymise('999999990')
     = encode(jeugdnorm.hmac_sha256('999999990', '0123456789abcdef0123456789abcdef'), 'hex') AS same;

-- ---- masking a source row --------------------------------------------------------
SELECT jeugdnorm_internal.loader_mask_bsn(r) FROM (VALUES
    ('{"bsn": "123456789", "x": 1}'::jsonb), ('{"bsn": 23456782}'), ('{"bsn": "12"}'),
    ('{"bsn": ""}'), ('{"bsn": null}'), ('{"client_id": "abc"}')) AS t(r);

-- ---- loaders with a bsn column -----------------------------------------------------
CREATE TABLE jn_sec_alloc (gemeente text, toewijzingnummer text, bsn text,
                           ingangsdatum text, aanbieder text, extra text);
INSERT INTO jn_sec_alloc VALUES
    ('0758', 'T1', '123456782', '2024-01-01', '12345678', 'a'),  -- valid
    ('0758', 'T2', '123456789', '2024-01-01', '12345678', 'b'),  -- elfproef fails
    ('0758', 'T3', '12345678',  '2024-01-01', '1234',     'c'),  -- 8 characters, and a bad AGB code
    ('0758', 'T4', NULL,        '2024-01-01', NULL,       'd'),  -- no client: loads with NULL client_id
    ('0983', 'T1', '111222333', '2024-02-01', '12345678', 'e');  -- valid
SELECT * FROM jeugdnorm.load_toewijzingen('jn_sec_alloc');
SELECT gemeente, toewijzingnummer, client_id FROM jeugdnorm.toewijzing ORDER BY 1, 2;
SELECT source_row_no, reason, row FROM jeugdnorm.rejected ORDER BY rejected_id;
-- a later JW301 for T1 with another BSN replaces the pseudonym (update path)
UPDATE jn_sec_alloc SET bsn = '111222333' WHERE toewijzingnummer = 'T1' AND gemeente = '0758';
DELETE FROM jn_sec_alloc WHERE toewijzingnummer <> 'T1' OR gemeente <> '0758';
SELECT * FROM jeugdnorm.load_toewijzingen('jn_sec_alloc');
SELECT gemeente, toewijzingnummer, client_id FROM jeugdnorm.toewijzing ORDER BY 1, 2;

-- claim lines: an integer bsn column (the leading zero is lost: 023456782 -> 23456782)
CREATE TABLE jn_sec_claim (gemeente text, toewijzingnummer text, bsn bigint,
                           begindatum date, einddatum date, bedrag numeric);
INSERT INTO jn_sec_claim VALUES
    ('0758', 'T1', 123456782, '2024-01-01', '2024-01-31', 100),
    ('0758', 'T1',  23456782, '2024-01-01', '2024-01-31', 200),
    ('0758', 'T1', 123456782, '2024-01-01', '2024-01-31', 100);  -- exact duplicate of line 1
SELECT * FROM jeugdnorm.load_declaraties('jn_sec_claim');
SELECT toewijzingnummer, client_id, bedrag FROM jeugdnorm.declaratie ORDER BY declaratie_id;
SELECT source_row_no, reason, row FROM jeugdnorm.rejected WHERE target = 'declaratie' ORDER BY rejected_id;

-- both client_id and bsn: refused before reading (42702)
ALTER TABLE jn_sec_claim ADD COLUMN client_id text;
SELECT * FROM jeugdnorm.load_declaraties('jn_sec_claim');
SELECT * FROM jeugdnorm.load_toewijzingen('jn_sec_claim');

-- without a key, a source with BSNs cannot load (nothing is loaded)
ALTER TABLE jn_sec_claim DROP COLUMN client_id;
DELETE FROM jeugdnorm.pseudonym_key;
SELECT * FROM jeugdnorm.load_declaraties('jn_sec_claim');
SELECT count(*) AS claim_lines FROM jeugdnorm.declaratie;

DROP TABLE jn_sec_alloc, jn_sec_claim;
DROP EXTENSION jeugdnorm CASCADE;
