-- follow_up window function: hand-computed classes and gaps.
-- VERBOSITY default: the errors show their DETAIL (the offending values)
-- and HINT.
\set VERBOSITY default
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

-- bounds that change per row (a column, not a constant): each row is
-- classified with its own bounds.  g with ext 100 on row 5 (gap 91:
-- verlenging instead of recidive) and rec 400 on row 7 (gap 366: recidive
-- instead of nieuw); the other rows as with (90, 365)
SELECT nr, (f).*
  FROM (SELECT nr, jeugdnorm.follow_up(ing, eind,
                                       CASE nr WHEN '5' THEN 100 ELSE 90 END,
                                       CASE nr WHEN '7' THEN 400 ELSE 365 END)
                    OVER (ORDER BY ing, eind NULLS LAST, nr) AS f
          FROM fu WHERE client = 'g') s ORDER BY nr;

-- bounds as parameters of a prepared statement with a generic plan (so
-- they are Params, read once per call site, not constants folded in);
-- (30, 182) as above: 1 eerste, 2 3 verlenging, 4 5 recidive, 6 7 nieuw
SET plan_cache_mode = force_generic_plan;
PREPARE fu_p(int, int) AS
SELECT nr, (f).*
  FROM (SELECT nr, jeugdnorm.follow_up(ing, eind, $1, $2)
                    OVER (ORDER BY ing, eind NULLS LAST, nr) AS f
          FROM fu WHERE client = 'g') s ORDER BY nr;
EXECUTE fu_p(30, 182);
-- and in the same session other values: (90, 90): 5 and 6 nieuw
EXECUTE fu_p(90, 90);

-- two follow_up calls and another window function over one window: every
-- call keeps its own state and result.  nested: A eerste, B C verlenging
-- with gaps -305 / -213 under both bounds
SELECT nr, row_number() OVER w AS rn, (jeugdnorm.follow_up(ing, eind) OVER w).*,
       (jeugdnorm.follow_up(ing, eind, 0, 0) OVER w).*
  FROM fu WHERE client = 'nested'
WINDOW w AS (ORDER BY ing, eind NULLS LAST, nr) ORDER BY nr;

-- a long partition (600 rows, more than the 256 rows after which the
-- buffer is trimmed): one-day allocations 100 days apart, so row 1 is
-- eerste and each of the 599 others recidive with gap 100; sum 59900
SELECT (f).follow_up, count(*), sum((f).gap_days), min((f).gap_days), max((f).gap_days)
  FROM (SELECT jeugdnorm.follow_up(d, d) OVER (ORDER BY d) AS f
          FROM (SELECT date '2000-01-01' + 100 * i AS d FROM generate_series(0, 599) i) t) s
 GROUP BY 1 ORDER BY 1;

-- errors: unsorted input names both rows (in the DETAIL)
SELECT jeugdnorm.follow_up(ing, eind) OVER (PARTITION BY client ORDER BY nr DESC) FROM fu WHERE client = 'nested';
SELECT jeugdnorm.follow_up(ing, eind) OVER (ORDER BY ing, eind NULLS FIRST) FROM fu WHERE client = 'same';
SELECT jeugdnorm.follow_up(ing, eind) OVER () FROM (VALUES (NULL::date, NULL::date)) t(ing, eind);
SELECT jeugdnorm.follow_up(ing, eind) OVER () FROM (VALUES ('2024-02-01'::date, '2024-01-01'::date)) t(ing, eind);
SELECT jeugdnorm.follow_up(ing, eind, -1, 365) OVER (ORDER BY ing) FROM fu WHERE client = 'g';
SELECT jeugdnorm.follow_up(ing, eind, 90, 30) OVER (ORDER BY ing) FROM fu WHERE client = 'g';
SELECT jeugdnorm.follow_up(ing, eind, NULL, 365) OVER (ORDER BY ing) FROM fu WHERE client = 'g';
EXECUTE fu_p(90, NULL);
EXECUTE fu_p(-1, 365);
DEALLOCATE fu_p;
RESET plan_cache_mode;

DROP TABLE fu;
DROP EXTENSION jeugdnorm CASCADE;
