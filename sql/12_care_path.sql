-- care_path aggregate: hand-computed paths for every boundary.
-- VERBOSITY default: the errors show their DETAIL (the offending values)
-- and HINT.
\set VERBOSITY default
SET datestyle = 'ISO, YMD';
CREATE EXTENSION jeugdnorm;

CREATE TABLE cp_rows (grp text, ing date, eind date, label text);
INSERT INTO cp_rows VALUES
  -- nested: A whole 2024, B Mar-Apr, C June: one path 2024-01-01..2024-12-31,
  -- 3 allocations, 'a > b > c', 366 days
  ('nested', '2024-01-01', '2024-12-31', 'a'),
  ('nested', '2024-03-01', '2024-04-30', 'b'),
  ('nested', '2024-06-01', '2024-06-30', 'c'),
  -- running max, not the previous row: C starts 60 days after A's end but
  -- 385 days after B's end: still one path 2024-01-01..2025-03-31 (456 days)
  ('runmax', '2024-01-01', '2024-12-31', 'a'),
  ('runmax', '2024-02-01', '2024-02-10', 'b'),
  ('runmax', '2025-03-01', '2025-03-31', 'c'),
  -- gap 90 joins (2024-01-31 + 90 = 2024-04-30), gap 91 splits
  -- (2024-05-31 + 91 = 2024-08-30): paths 2024-01-01..2024-05-31 (2, 'x > y',
  -- 152 days) and 2024-08-30..2024-09-30 (1, 'x', 32 days)
  ('gap90',  '2024-01-01', '2024-01-31', 'x'),
  ('gap90',  '2024-04-30', '2024-05-31', 'y'),
  ('gap90',  '2024-08-30', '2024-09-30', 'x'),
  -- gap 0 and gap 1: one path 2024-01-01..2024-01-31, 3, 'a > b', 31 days
  ('gap01',  '2024-01-01', '2024-01-10', 'a'),
  ('gap01',  '2024-01-10', '2024-01-20', 'a'),
  ('gap01',  '2024-01-21', '2024-01-31', 'b'),
  -- same-day starts: order by einddatum (open last): 'a' (01-15), 'b' (01-31),
  -- 'c' (open): one open path, 3, 'a > b > c', einde and days NULL
  ('sameday', '2024-01-01', '2024-01-31', 'b'),
  ('sameday', '2024-01-01', '2024-01-15', 'a'),
  ('sameday', '2024-01-01', NULL,         'c'),
  -- same dates: labels bytewise ('B' 0x42 < 'a' 0x61; 'a' < 'ab'), NULL last:
  -- one path 2024-05-01..2024-05-02, 4, 'B > a > ab', 2 days
  ('bytes',  '2024-05-01', '2024-05-02', 'ab'),
  ('bytes',  '2024-05-01', '2024-05-02', NULL),
  ('bytes',  '2024-05-01', '2024-05-02', 'a'),
  ('bytes',  '2024-05-01', '2024-05-02', 'B'),
  -- open before: the open row keeps the path open, a row years later joins:
  -- one open path from 2020-01-01, 2, 'a > b'
  ('openbefore', '2020-01-01', NULL,         'a'),
  ('openbefore', '2024-06-01', '2024-06-30', 'b'),
  -- open after: gap 2024-12-01 - 2024-01-31 = 305 > 90: two paths, the
  -- second open: 2024-01-01..2024-01-31 (31 days) and 2024-12-01..NULL
  ('openafter', '2024-01-01', '2024-01-31', 'a'),
  ('openafter', '2024-12-01', NULL,         'a'),
  -- +infinity einddatum reads as open
  ('infinity', '2024-01-01', 'infinity', 'a'),
  -- single allocation over 29 Feb: 2024-02-28..2024-03-01 is 3 days
  ('single', '2024-02-28', '2024-03-01', 'p'),
  -- NULL labels skipped before collapsing: 'a', NULL, 'a' -> 'a'
  ('nulls',  '2024-01-01', '2024-01-10', 'a'),
  ('nulls',  '2024-01-11', '2024-01-20', NULL),
  ('nulls',  '2024-01-21', '2024-01-30', 'a'),
  -- all labels NULL -> NULL label
  ('allnull', '2024-01-01', '2024-01-10', NULL),
  ('allnull', '2024-01-11', '2024-01-20', NULL),
  -- not consecutive: 'a', 'b', 'a' stays 'a > b > a'
  ('aba',    '2024-01-01', '2024-01-10', 'a'),
  ('aba',    '2024-01-11', '2024-01-20', 'b'),
  ('aba',    '2024-01-21', '2024-01-30', 'a');

-- default max_gap 90, input in ascending order
SELECT grp, p.*
  FROM (SELECT grp, jeugdnorm.care_path(ing, eind, label ORDER BY ing, eind, label) AS paths
          FROM cp_rows GROUP BY grp) s,
       unnest(s.paths) p
 ORDER BY grp, p.path_no;

-- the same in descending input order and unordered: identical arrays
SELECT grp,
       jeugdnorm.care_path(ing, eind, label ORDER BY ing DESC, eind DESC NULLS FIRST, label DESC)
         = jeugdnorm.care_path(ing, eind, label ORDER BY ing, eind, label) AS same_desc,
       jeugdnorm.care_path(ing, eind, label ORDER BY label DESC NULLS FIRST, ing DESC)
         = jeugdnorm.care_path(ing, eind, label) AS same_shuffled
  FROM cp_rows GROUP BY grp ORDER BY grp;

-- explicit max_gap: gap01 with max_gap 0 (gap 0 joins, gap 1 splits):
-- 2024-01-01..2024-01-20 (2, 'a', 20 days) and 2024-01-21..2024-01-31 (1, 'b', 11 days)
SELECT (unnest(jeugdnorm.care_path(ing, eind, label, 0))).* FROM cp_rows WHERE grp = 'gap01';
-- gap90 with max_gap 91: one path 2024-01-01..2024-09-30, 3, 'x > y > x', 274 days
SELECT (unnest(jeugdnorm.care_path(ing, eind, label, 91))).* FROM cp_rows WHERE grp = 'gap90';
-- gaps 365 / 366 with max_gap 365: 2023-01-01 -> 2024-01-01 is 365 (joins),
-- 2024-01-01 -> 2025-01-01 is 366 (splits): 2023-01-01..2024-01-01 (2, 366 days)
-- and 2025-01-01..2025-01-01 (1, 1 day)
SELECT (unnest(jeugdnorm.care_path(d, d, NULL, 365))).*
  FROM (VALUES ('2023-01-01'::date), ('2024-01-01'), ('2025-01-01')) AS t(d);

-- empty group: NULL, like array_agg
SELECT jeugdnorm.care_path(ing, eind, label) IS NULL AS empty_is_null FROM cp_rows WHERE false;
SELECT jeugdnorm.care_path(ing, eind, label, 30) IS NULL AS empty_is_null FROM cp_rows WHERE false;

-- the array itself
SELECT jeugdnorm.care_path(ing, eind, label) FROM cp_rows WHERE grp = 'gap90';

-- as a window aggregate (final function per row, then more transitions):
-- row 1 a: 2024-01-01..01-31 (31 days); row 2 b starts 30 days after: one
-- path 2024-01-01..03-10 (70 days, 'a > b'); row 3 starts 175 days after
-- 03-10: a second, open path
SELECT d, e, jeugdnorm.care_path(d, e, l) OVER (ORDER BY d)
  FROM (VALUES ('2024-03-01'::date, '2024-03-10'::date, 'b'), ('2024-01-01', '2024-01-31', 'a'),
               ('2024-09-01', NULL, 'c')) t(d, e, l);

-- a group that outgrows the room inside the state (2 rows, 24 label
-- bytes), fed out of order: sorted it is 01-01 a*20, 02-01 a*20 (collapsed),
-- 03-01 b*30 (gap 2024-03-01 - 2024-02-10 = 20), then 2025-01-01 'c' open
-- (gap 2025-01-01 - 2024-03-31 = 276 > 90: new path) and 2025-02-01 NULL
-- label (joins the open path, label skipped).  Paths: 1 2024-01-01..
-- 2024-03-31, 3 allocations, a*20 > b*30, 31 + 29 + 31 = 91 days; 2
-- 2025-01-01..open, 2, 'c', days NULL
SELECT p.path_no, p.start, p.einde, p.allocations, p.path = repeat('a', 20) || ' > ' || repeat('b', 30) AS long_label, p.path, p.days
  FROM unnest((SELECT jeugdnorm.care_path(d, e, l)
                 FROM (VALUES ('2024-03-01'::date, '2024-03-31'::date, repeat('b', 30)),
                              ('2025-02-01', '2025-02-02', NULL),
                              ('2024-01-01', '2024-01-31', repeat('a', 20)),
                              ('2025-01-01', NULL, 'c'),
                              ('2024-02-01', '2024-02-10', repeat('a', 20))) t(d, e, l))) p;

-- errors
SELECT jeugdnorm.care_path(ing, eind, label) FROM (VALUES (NULL::date, '2024-01-01'::date, 'a')) t(ing, eind, label);
SELECT jeugdnorm.care_path(ing, eind, label) FROM (VALUES ('2024-02-01'::date, '2024-01-01'::date, 'a')) t(ing, eind, label);
SELECT jeugdnorm.care_path(ing, eind, label) FROM (VALUES ('-infinity'::date, '2024-01-01'::date, 'a')) t(ing, eind, label);
SELECT jeugdnorm.care_path(ing, eind, label) FROM (VALUES ('2024-01-01'::date, '-infinity'::date, 'a')) t(ing, eind, label);
SELECT jeugdnorm.care_path(ing, eind, label, -1) FROM cp_rows;
SELECT jeugdnorm.care_path(ing, eind, label, NULL) FROM cp_rows;
SELECT jeugdnorm.care_path(ing, eind, label, g) FROM (VALUES ('2024-01-01'::date, NULL::date, 'a', 90), ('2024-02-01', NULL, 'a', 30)) t(ing, eind, label, g);

DROP TABLE cp_rows;
DROP EXTENSION jeugdnorm CASCADE;
