-- Code lists WJ756 / WJ757 and canonical units (hand-checked values).
-- VERBOSITY default: the errors show their DETAIL (the offending values)
-- and HINT.
\set VERBOSITY default
CREATE EXTENSION jeugdnorm;

SELECT * FROM jeugdnorm.eenheid_codes() ORDER BY code;
SELECT * FROM jeugdnorm.frequentie_codes() ORDER BY code;

-- membership: exact match only
SELECT c, jeugdnorm.is_eenheid(c) AS eenheid, jeugdnorm.is_frequentie(c) AS frequentie
  FROM unnest(ARRAY['01','04','14','16','82','83','84','1','2','4','6',
                    '1 ',' 1','01 ','00','02','3','5','7','',NULL]) AS c;

-- canonical unit per code
SELECT code, jeugdnorm.canonical_unit(code) FROM jeugdnorm.eenheid_codes() ORDER BY code;

-- canonical volume: 90 min = 1.5 h, 45 min = 0.75 h, 20 min = 1/3 h,
-- 3 dagdelen = 12 h, others unchanged (scale kept)
SELECT v, e, jeugdnorm.canonical_volume(v, e)
  FROM (VALUES (90::numeric, '01'), (45, '01'), (20, '01'), (0, '01'), (-60, '01'),
               (2.50, '04'), (3, '16'), (0.5, '16'), (7, '14'), (1, '82'),
               (123.45, '83'), (2, '84'), (NULL, '01'), (5, NULL)) AS t(v, e);
-- exact: 20 minutes * 3 = 1 hour only up to numeric_div precision; 60 min is exactly 1
SELECT jeugdnorm.canonical_volume(60, '01') = 1 AS sixty_minutes_is_one_hour;

-- errors name the code
SELECT jeugdnorm.canonical_unit('99');
SELECT jeugdnorm.canonical_volume(1, 'uur');
SELECT jeugdnorm.canonical_volume(NULL, 'xx');  -- STRICT: NULL, no error

DROP EXTENSION jeugdnorm CASCADE;
