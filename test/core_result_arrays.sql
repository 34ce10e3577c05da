-- The result arrays of care_path and follow_up_agg are formed in one buffer
-- by src/pg/composite.c, not element by element through heap_form_tuple.
-- They must be byte for byte what the server itself forms: each array is
-- compared as a binary image (record_image_eq, *=, on the rows (g, arr))
-- with the array the server builds from the same values (ROW(...)::type,
-- array_agg), on
-- groups that put a NULL in every field that can be NULL, labels of 0 to
-- 300 bytes (126 bytes is the longest with a 1-byte varlena header, 127
-- the shortest with a 4-byte one), multibyte UTF-8 labels, and groups of
-- 1 to 40 rows (more than the 16 kept on the stack).
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(6);

SELECT setseed(0.4142);
CREATE TEMP TABLE lab AS
SELECT g,
       CASE WHEN g % 11 = 0 THEN NULL
            WHEN g % 5 = 0 THEN repeat('é', g % 90)
            ELSE repeat('x', (ARRAY[0, 1, 125, 126, 127, 128, 300, 7, 2])[1 + g % 9])
       END AS base
  FROM generate_series(1, 300) g;
CREATE TEMP TABLE r AS
SELECT l.g, n,
       CASE WHEN l.base IS NULL OR n % 4 = 3 THEN NULL ELSE l.base || n END AS t,
       date '2021-01-01' + (random() * 900)::int AS s,
       random() AS feed,
       random() AS r
  FROM lab l, generate_series(1, 1 + (l.g % 40)) n;
ALTER TABLE r ADD COLUMN e date;
UPDATE r SET e = CASE WHEN r < 0.15 THEN NULL ELSE s + (r * 300)::int END;

SELECT ok((SELECT count(*) FILTER (WHERE octet_length(t) = 126) > 0
              AND count(*) FILTER (WHERE octet_length(t) = 127) > 0
              AND count(*) FILTER (WHERE octet_length(t) > 200) > 0
              AND count(*) FILTER (WHERE t IS NULL) > 0
              AND count(*) FILTER (WHERE e IS NULL) > 0
              AND count(*) FILTER (WHERE octet_length(t) > length(t)) > 0
              AND max(n) > 16
           FROM r),
          'the data has labels of 126, 127 and over 200 bytes, multibyte and NULL labels, open ends and groups over 16 rows');

CREATE TEMP TABLE fu AS
SELECT g, jeugdnorm.follow_up_agg(t, s, e ORDER BY feed) AS arr FROM r GROUP BY g;
CREATE TEMP TABLE fu_ref AS
SELECT fu.g,
       (SELECT array_agg(ROW(u.toewijzingnummer, u.follow_up, u.gap_days)::jeugdnorm.follow_up_row ORDER BY u.i)
          FROM unnest(fu.arr) WITH ORDINALITY u(toewijzingnummer, follow_up, gap_days, i)) AS arr
  FROM fu;

SELECT ok((SELECT bool_and(u.gap_days IS NULL) AND bool_or(u.toewijzingnummer IS NULL)
                  AND bool_or(u.toewijzingnummer IS NULL AND u.gap_days IS NULL)
           FROM fu, unnest(fu.arr) u WHERE u.follow_up = 'eerste'),
          'follow_up_agg: elements with NULL toewijzingnummer, NULL gap_days and both');
SELECT is((SELECT count(*) FROM fu JOIN fu_ref USING (g) WHERE NOT fu *= fu_ref),
          0::bigint,
          'follow_up_agg: every array is byte for byte the array the server forms from the same rows');

-- care_path: rows 100 days apart, 21 days long (max_gap 30: a path each),
-- the last row of every third group open
CREATE TEMP TABLE cp AS
SELECT g, jeugdnorm.care_path(date '2000-01-01' + n * 100,
                              CASE WHEN g % 3 = 0 AND n = 1 + g % 40 THEN NULL
                                   ELSE date '2000-01-01' + n * 100 + 20 END,
                              t, 30 ORDER BY feed) AS arr
  FROM r GROUP BY g;
CREATE TEMP TABLE cp_ref AS
SELECT cp.g,
       (SELECT array_agg(ROW(p.path_no, p.start, p.einde, p.allocations, p.path, p.days)::jeugdnorm.care_path
                         ORDER BY p.i)
          FROM unnest(cp.arr) WITH ORDINALITY p(path_no, start, einde, allocations, path, days, i)) AS arr
  FROM cp;

SELECT ok((SELECT bool_or(p.einde IS NULL AND p.days IS NULL) AND bool_or(p.path IS NULL)
                  AND bool_or(octet_length(p.path) > 300) AND bool_or(octet_length(p.path) < 127)
                  AND max(cardinality(cp.arr)) > 16
           FROM cp, unnest(cp.arr) p),
          'care_path: open paths, NULL labels, short and long labels, groups of more than 16 paths');
SELECT is((SELECT count(*) FROM cp JOIN cp_ref USING (g) WHERE NOT cp *= cp_ref),
          0::bigint,
          'care_path: every array is byte for byte the array the server forms from the same paths');
-- the whole-array images above compare the bytes of every element; the
-- values are also equal (a check that the image test can fail on values)
SELECT is((SELECT count(*) FROM cp JOIN cp_ref USING (g) WHERE cp.arr IS DISTINCT FROM cp_ref.arr)
          + (SELECT count(*) FROM fu JOIN fu_ref USING (g) WHERE fu.arr IS DISTINCT FROM fu_ref.arr),
          0::bigint, 'and the arrays are equal as values');

SELECT * FROM finish();
ROLLBACK;
