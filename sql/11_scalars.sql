-- Date scalars: is_extension, recidive, allocated_volume, overlap_share.
-- Every expected value is in the comment next to it (hand-computed).
-- VERBOSITY default: the errors show their DETAIL (the offending values)
-- and HINT.
\set VERBOSITY default
SET datestyle = 'ISO, YMD';
CREATE EXTENSION jeugdnorm;

-- is_extension: gap = next_start - prev_end, true when gap <= max_gap (90)
SELECT prev_end, next_start, CASE WHEN isfinite(prev_end) THEN next_start - prev_end END AS gap,
       jeugdnorm.is_extension(prev_end, next_start) AS ext
  FROM (VALUES
    ('2024-01-31'::date, '2024-01-31'::date),  -- gap 0: t
    ('2024-01-31', '2024-02-01'),              -- gap 1: t
    ('2024-01-01', '2024-03-31'),              -- gap 90 (31+29+30, leap year): t
    ('2024-01-01', '2024-04-01'),              -- gap 91: f
    ('2024-06-30', '2024-06-01'),              -- gap -29 (overlap): t
    ('2023-01-01', '2023-04-01'),              -- gap 90 (31+28+31): t
    ('2024-01-01', '2025-01-01'),              -- gap 366: f
    (NULL, '2024-01-01'),                      -- open earlier allocation: t
    ('infinity', '2024-01-01'),                -- +infinity end = open: t
    ('2024-01-01', NULL)                       -- NULL
  ) AS t(prev_end, next_start);
SELECT jeugdnorm.is_extension('2024-01-01', '2024-01-01', 0) AS gap0_max0,      -- t
       jeugdnorm.is_extension('2024-01-01', '2024-01-02', 0) AS gap1_max0,      -- f
       jeugdnorm.is_extension('2024-01-01', '2024-01-02', NULL) AS null_max,    -- NULL
       jeugdnorm.is_extension(NULL, NULL) AS both_null,                         -- NULL
       jeugdnorm.is_extension('4713-01-01 BC', '5874897-12-31', 2147483647) AS widest,  -- gap 2147483493: t
       jeugdnorm.is_extension('5874897-12-31', '4713-01-01 BC', 0) AS widest_back;       -- gap -2147483493: t

-- recidive: min_gap < gap <= max_gap (90, 365)
SELECT prev_end, next_start, CASE WHEN isfinite(prev_end) THEN next_start - prev_end END AS gap,
       jeugdnorm.recidive(prev_end, next_start) AS rec
  FROM (VALUES
    ('2024-01-01'::date, '2024-01-01'::date),  -- gap 0: f
    ('2024-01-01', '2024-03-31'),              -- gap 90: f
    ('2024-01-01', '2024-04-01'),              -- gap 91: t
    ('2024-01-01', '2024-12-31'),              -- gap 365 (leap year): t
    ('2024-01-01', '2025-01-01'),              -- gap 366: f
    ('2023-01-01', '2024-01-01'),              -- gap 365: t
    (NULL, '2024-01-01'),                      -- open earlier allocation: f
    ('infinity', '2024-01-01'),                -- open: f
    ('2024-01-01', NULL)                       -- NULL
  ) AS t(prev_end, next_start);
SELECT jeugdnorm.recidive('2024-01-01', '2024-06-29', 180, 180) AS gap180_180_180,  -- gap 180: f
       jeugdnorm.recidive('2024-01-01', '2024-06-29', 179, 180) AS gap180_179_180,  -- t
       jeugdnorm.recidive('2024-01-01', '2024-07-01', 90, 182) AS six_months,       -- gap 182: t
       jeugdnorm.recidive('2024-01-01', '2024-07-01', NULL, 182) AS null_min,       -- NULL
       jeugdnorm.recidive('2024-01-01', '2024-07-01', 90, NULL) AS null_max;        -- NULL

-- allocated_volume, window = 2024 unless stated
SELECT label, jeugdnorm.allocated_volume(ing, eind, vol, freq, ws, we) AS allocated
  FROM (VALUES
    -- per dag, 2024-02-28..2024-03-01 = 3 days (29 Feb): 2*3 = 6
    ('dag leap',        '2024-02-28'::date, '2024-03-01'::date, 2::numeric, '1', '2024-01-01'::date, '2024-12-31'::date),
    -- per dag, open from 2024-12-01: 31 days to window end, 1.5*31 = 46.5
    ('dag open',        '2024-12-01', NULL, 1.5, '1', '2024-01-01', '2024-12-31'),
    -- per dag, +infinity einddatum = open: same 46.5
    ('dag infinity',    '2024-12-01', 'infinity', 1.5, '1', '2024-01-01', '2024-12-31'),
    -- per dag, 2023 allocation: no overlap: 0
    ('dag before',      '2023-01-01', '2023-12-31', 5, '1', '2024-01-01', '2024-12-31'),
    -- per week 10 over 14 days: 10*14/7 = 20 exactly
    ('week 14d',        '2024-01-01', '2024-01-14', 10, '2', '2024-01-01', '2024-12-31'),
    -- per week 7 on one day: 7*1/7 = 1
    ('week 1d',         '2024-03-05', '2024-03-05', 7, '2', '2024-01-01', '2024-12-31'),
    -- per week 10 over 10 days: 100/7 = 14.2857142857142857
    ('week 10d',        '2024-01-01', '2024-01-10', 10, '2', '2024-01-01', '2024-12-31'),
    -- per week 3 over 2023-12-25..2024-01-07 clipped to 7 days of 2024: 3*7/7 = 3
    ('week clipped',    '2023-12-25', '2024-01-07', 3, '2', '2024-01-01', '2024-12-31'),
    -- per maand 4 over all of 2024 (366 days): 4*366*1200/36525 = 48.0985626283367556
    ('maand 2024',      '2024-01-01', '2024-12-31', 4, '4', '2024-01-01', '2024-12-31'),
    -- per maand 1 over 2023 (365 days): 438000/36525 = 11.9917864476386037
    ('maand 2023',      '2023-01-01', '2023-12-31', 1, '4', '2023-01-01', '2023-12-31'),
    -- per maand 36525 over 1 day: 36525*1200/36525 = 1200
    ('maand 1d',        '2024-05-05', '2024-05-05', 36525, '4', '2024-01-01', '2024-12-31'),
    -- totaal 366 over 2024, window 2024-07-01..2024-12-31 = 184 days: 366*184/366 = 184
    ('totaal half',     '2024-01-01', '2024-12-31', 366, '6', '2024-07-01', '2024-12-31'),
    -- totaal 100 over 2024-01-01..10 (10 days), window from 2024-01-06: 5 days: 50
    ('totaal clipped',  '2024-01-01', '2024-01-10', 100, '6', '2024-01-06', '2024-12-31'),
    -- totaal 10 over 3 days, window 1 day: 10/3 = 3.3333333333333333
    ('totaal third',    '2024-02-28', '2024-03-01', 10, '6', '2024-02-29', '2024-02-29'),
    -- totaal 100, whole allocation inside the window: 100
    ('totaal inside',   '2024-03-01', '2024-03-31', 100, '6', '2024-01-01', '2024-12-31'),
    -- totaal open overlapping the window: NULL
    ('totaal open',     '2024-06-01', NULL, 100, '6', '2024-01-01', '2024-12-31'),
    -- totaal open starting after the window: no overlap: 0
    ('totaal open out', '2025-01-01', NULL, 100, '6', '2024-01-01', '2024-12-31'),
    -- touching: allocation ends on window_start: 1 day, per dag 4: 4
    ('touch',           '2023-06-01', '2024-01-01', 4, '1', '2024-01-01', '2024-12-31'),
    -- NULL volume / frequentie / window: NULL
    ('null volume',     '2024-01-01', '2024-01-31', NULL, '1', '2024-01-01', '2024-12-31'),
    ('null frequentie', '2024-01-01', '2024-01-31', 1, NULL, '2024-01-01', '2024-12-31'),
    ('null window',     '2024-01-01', '2024-01-31', 1, '1', NULL, '2024-12-31')
  ) AS t(label, ing, eind, vol, freq, ws, we);
-- [R1] v1.3, precedence: no overlap with the window comes first (0), also
-- for a 'totaal' with an open einddatum; only an open 'totaal' that
-- overlaps the window is NULL (it cannot be spread over days).  An open
-- allocation counts until the window end, so it lies outside the window only
-- when it starts after window_end; one that starts before the window runs
-- into it (overlap).  Window 2024 unless stated; volume 100 unless stated.
SELECT label, jeugdnorm.allocated_volume(ing, eind, vol, freq, ws, we) AS allocated
  FROM (VALUES
    -- open 'totaal' starting the day after window_end: no overlap: 0
    ('open totaal day after',    '2025-01-01'::date, NULL::date, 100::numeric, '6', '2024-01-01'::date, '2024-12-31'::date),
    -- open 'totaal' starting a year after the window: 0
    ('open totaal year after',   '2026-03-01', NULL, 100, '6', '2024-01-01', '2024-12-31'),
    -- einddatum +infinity reads as open: same, 0
    ('open totaal inf after',    '2025-06-01', 'infinity', 100, '6', '2024-01-01', '2024-12-31'),
    -- the window lies before the allocation: window 2023, open 'totaal' from 2024-06-01: 0
    ('window before open totaal','2024-06-01', NULL, 100, '6', '2023-01-01', '2023-12-31'),
    -- closed 'totaal' wholly before the window (2023): 0
    ('closed totaal before',     '2023-01-01', '2023-12-31', 100, '6', '2024-01-01', '2024-12-31'),
    -- closed 'totaal' ending the day before window_start: 0
    ('closed totaal day before', '2023-06-01', '2023-12-31', 100, '6', '2024-01-01', '2024-12-31'),
    -- closed 'totaal' starting the day after window_end: 0
    ('closed totaal day after',  '2025-01-01', '2025-03-31', 100, '6', '2024-01-01', '2024-12-31'),
    -- overlapping open 'totaal': NULL -- starting on window_end (1 day in the window)
    ('open totaal on end',       '2024-12-31', NULL, 100, '6', '2024-01-01', '2024-12-31'),
    -- starting on window_start
    ('open totaal on start',     '2024-01-01', NULL, 100, '6', '2024-01-01', '2024-12-31'),
    -- starting before the window: open, so it runs into the window
    ('open totaal from before',  '2022-03-01', NULL, 100, '6', '2024-01-01', '2024-12-31'),
    -- einddatum +infinity inside the window
    ('open totaal inf inside',   '2024-05-01', 'infinity', 100, '6', '2024-01-01', '2024-12-31'),
    -- overlapping closed 'totaal': 2023-12-31..2024-01-09 = 10 days, 9 in 2024: 100 * 9 / 10 = 90
    ('closed totaal 9 of 10',    '2023-12-31', '2024-01-09', 100, '6', '2024-01-01', '2024-12-31'),
    -- 2024-12-31..2025-01-03 = 4 days, 1 in 2024: 10 * 1 / 4 = 2.5
    ('closed totaal 1 of 4',     '2024-12-31', '2025-01-03', 10, '6', '2024-01-01', '2024-12-31'),
    -- the other frequencies, open and outside the window, are 0 as well (per dag, per week, per maand)
    ('open dag after',           '2025-01-01', NULL, 100, '1', '2024-01-01', '2024-12-31'),
    ('open week after',          '2025-01-01', NULL, 100, '2', '2024-01-01', '2024-12-31'),
    ('open maand after',         '2025-01-01', NULL, 100, '4', '2024-01-01', '2024-12-31')
  ) AS t(label, ing, eind, vol, freq, ws, we);
-- the divisions equal SQL's own numeric division
SELECT jeugdnorm.allocated_volume('2024-01-01', '2024-01-10', 10, '2', '2024-01-01', '2024-12-31') = 100::numeric / 7 AS week_eq,
       jeugdnorm.allocated_volume('2024-01-01', '2024-12-31', 4, '4', '2024-01-01', '2024-12-31') = 4::numeric * 366 * 1200 / 36525 AS maand_eq,
       jeugdnorm.allocated_volume('2024-01-01', '2024-12-31', 4, '4', '2024-01-01', '2024-12-31') = 4 * 12 * 366 / 365.25 AS maand_eq_36525;

-- overlap_share, window January 2024 unless stated
SELECT label, jeugdnorm.overlap_share(b, e, ws, we) AS share
  FROM (VALUES
    ('disjoint',   '2024-02-01'::date, '2024-02-10'::date, '2024-01-01'::date, '2024-01-31'::date),  -- 0
    ('touching',   '2023-12-22', '2024-01-01', '2024-01-01', '2024-01-31'),  -- 1/11 = 0.09090909090909090909 (as SQL's 1::numeric/11)
    ('touch end',  '2024-01-31', '2024-02-03', '2024-01-01', '2024-01-31'),  -- 1/4 = 0.25
    ('contained',  '2024-01-05', '2024-01-10', '2024-01-01', '2024-01-31'),  -- 1
    ('containing', '2023-12-01', '2024-02-29', '2024-01-01', '2024-01-31'),  -- 31/91 = 0.34065934065934065934
    ('equal',      '2024-01-01', '2024-01-31', '2024-01-01', '2024-01-31'),  -- 1
    ('one day',    '2024-01-15', '2024-01-15', '2024-01-01', '2024-01-31'),  -- 1
    ('leap',       '2024-02-28', '2024-03-01', '2024-02-29', '2024-02-29'),  -- 1/3 = 0.33333333333333333333
    ('null',       NULL, '2024-03-01', '2024-02-29', '2024-02-29')           -- NULL (STRICT)
  ) AS t(label, b, e, ws, we);

-- errors, each with its offending values (dates in ISO whatever DateStyle)
SELECT jeugdnorm.is_extension('2024-01-01', '2024-02-01', -1);
SELECT jeugdnorm.is_extension('-infinity', '2024-02-01');
SELECT jeugdnorm.is_extension('2024-01-01', 'infinity');
SELECT jeugdnorm.recidive('2024-01-01', '2024-02-01', -1, 365);
SELECT jeugdnorm.recidive('2024-01-01', '2024-02-01', 90, -5);
SELECT jeugdnorm.recidive('2024-01-01', '2024-02-01', 100, 50);
SELECT jeugdnorm.recidive('2024-01-01', '-infinity');
SELECT jeugdnorm.allocated_volume('2024-01-10', '2024-01-01', 1, '1', '2024-01-01', '2024-12-31');
SELECT jeugdnorm.allocated_volume('2024-01-01', '2024-01-31', 1, '3', '2024-01-01', '2024-12-31');
SELECT jeugdnorm.allocated_volume('2024-01-01', '2024-01-31', 1, 'per week', '2024-01-01', '2024-12-31');
SELECT jeugdnorm.allocated_volume('2024-01-01', '2024-01-31', 1, '1', '2024-12-31', '2024-01-01');
SELECT jeugdnorm.allocated_volume('-infinity', '2024-01-31', 1, '1', '2024-01-01', '2024-12-31');
SELECT jeugdnorm.allocated_volume('infinity', NULL, 1, '1', '2024-01-01', '2024-12-31');
SELECT jeugdnorm.allocated_volume('2024-01-01', '-infinity', 1, '1', '2024-01-01', '2024-12-31');
SELECT jeugdnorm.allocated_volume('2024-01-01', NULL, 1, '1', '2024-01-01', 'infinity');
SELECT jeugdnorm.overlap_share('2024-01-10', '2024-01-01', '2024-01-01', '2024-12-31');
SELECT jeugdnorm.overlap_share('2024-01-01', '2024-01-31', '2024-12-31', '2024-01-01');
SELECT jeugdnorm.overlap_share('2024-01-01', 'infinity', '2024-01-01', '2024-12-31');
SELECT jeugdnorm.overlap_share('2024-01-01', '2024-01-31', '-infinity', '2024-12-31');

DROP EXTENSION jeugdnorm CASCADE;
