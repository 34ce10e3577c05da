-- follow_up window function: hand-computed classes and gaps.
\set VERBOSITY terse
SET datestyle = 'ISO, YMD';
CREATE EXTENSION jeugdnorm;

CREATE TABLE fu (client text, nr text, ing date, eind date);
INSERT INTO fu VALUES
  -- nested: A 2024, B Mar-Apr, C June. B: gap 2024-03-01 - 2024-12-31 = -305
  -- verlenging; C: running max is A's end, gap 2024-06-01 - 2024-12-31 = -213
  -- verlenging (lag() would compare with B and find gap 32)
  ('nested', 'A', '2024-01-01', '2024-12-31'),
  ('nested', 'B', '2024-03-01', '2024-04-30'),
  ('nested', 'C', '2024-06-01', '2024-06-30'),
  -- boundaries after 2024-01-31: gap 0 / 1 / 90 / 91 / 365 / 366, each
  -- measured from the running max end, so every row is its own one-day
  -- allocation following the previous one
  ('g', '1', '2024-01-01', '2024-01-31'),  -- eerste
  ('g', '2', '2024-01-31', '2024-01-31'),  -- gap 0: verlenging
  ('g', '3', '2024-02-01', '2024-02-01'),  -- gap 1: verlenging
  ('g', '4', '2024-05-01', '2024-05-01'),  -- gap 2024-05-01 - 2024-02-01 = 90: verlenging
  ('g', '5', '2024-07-31', '2024-07-31'),  -- gap 91: recidive
  ('g', '6', '2025-07-31', '2025-07-31'),  -- gap 365: recidive
  ('g', '7', '2026-08-01', '2026-08-01'),  -- gap 366: nieuw
  -- open earlier allocation: the next one is verlenging with gap NULL, however late
  ('open', '1', '2020-01-01', NULL),        -- eerste
  ('open', '2', '2024-01-01', '2024-01-31'), -- verlenging, NULL
  -- same-day starts, open last: (01-01..01-15), (01-01..01-31), (01-01..open)
  ('same', '1', '2024-01-01', '2024-01-15'), -- eerste
  ('same', '2', '2024-01-01', '2024-01-31'), -- gap 2024-01-01 - 2024-01-15 = -14: verlenging
  ('same', '3', '2024-01-01', NULL),         -- gap -30: verlenging
  -- single
  ('single', '1', '2024-02-29', '2024-02-29'); -- eerste

SELECT client, nr, ing, eind, (f).follow_up, (f).gap_days
  FROM (SELECT *, jeugdnorm.follow_up(ing, eind)
                    OVER (PARTITION BY client ORDER BY ing, eind NULLS LAST, nr) AS f
          FROM fu) s
 ORDER BY client, ing, eind NULLS LAST, nr;

-- other bounds (one region: recidive up to 182 days): g with (30, 182):
-- gap 0, 1 verlenging; 90 recidive; 91 recidive; 365 nieuw; 366 nieuw
SELECT nr, (f).*
  FROM (SELECT nr, jeugdnorm.follow_up(ing, eind, 30, 182)
                    OVER (ORDER BY ing, eind NULLS LAST, nr) AS f
          FROM fu WHERE client = 'g') s ORDER BY nr;

-- equal bounds: nothing is recidive; (90, 90): gap 91 and 365 nieuw
SELECT nr, (f).*
  FROM (SELECT nr, jeugdnorm.follow_up(ing, eind, 90, 90)
                    OVER (ORDER BY ing, eind NULLS LAST, nr) AS f
          FROM fu WHERE client = 'g') s ORDER BY nr;

-- the frame does not matter
SELECT nr, (f).*
  FROM (SELECT nr, jeugdnorm.follow_up(ing, eind)
                    OVER (ORDER BY ing, eind NULLS LAST, nr ROWS BETWEEN CURRENT ROW AND CURRENT ROW) AS f
          FROM fu WHERE client = 'nested') s ORDER BY nr;

-- errors: unsorted input names both rows (in the DETAIL)
\set VERBOSITY default
SELECT jeugdnorm.follow_up(ing, eind) OVER (PARTITION BY client ORDER BY nr DESC) FROM fu WHERE client = 'nested';
SELECT jeugdnorm.follow_up(ing, eind) OVER (ORDER BY ing, eind NULLS FIRST) FROM fu WHERE client = 'same';
\set VERBOSITY terse
SELECT jeugdnorm.follow_up(ing, eind) OVER () FROM (VALUES (NULL::date, NULL::date)) t(ing, eind);
SELECT jeugdnorm.follow_up(ing, eind) OVER () FROM (VALUES ('2024-02-01'::date, '2024-01-01'::date)) t(ing, eind);
SELECT jeugdnorm.follow_up(ing, eind, -1, 365) OVER (ORDER BY ing) FROM fu WHERE client = 'g';
SELECT jeugdnorm.follow_up(ing, eind, 90, 30) OVER (ORDER BY ing) FROM fu WHERE client = 'g';
SELECT jeugdnorm.follow_up(ing, eind, NULL, 365) OVER (ORDER BY ing) FROM fu WHERE client = 'g';

DROP TABLE fu;
DROP EXTENSION jeugdnorm CASCADE;
