-- The same care paths in plain SQL, the fastest form found: gaps and islands
-- with window functions, and string_agg fed from a sorted subquery instead of
-- string_agg(... ORDER BY ...) (PostgreSQL 15 sorts every path again for an
-- ordered aggregate: care_path_sql_strict.sql, ~1.5x slower at scale 1).
-- The documentation says input order from a sorted subquery "will usually
-- work"; here it rides on an Incremental Sort whose presorted key is the
-- group, and run.sh proves the answer equal to the C aggregate's every run.
--   prev_end: running max of einddatum over the earlier rows of the group
--             (an open allocation counts as 'infinity', so it swallows the rest);
--   is_new:   first row, or a gap of more than :gap days after prev_end;
--   path_no:  running sum of is_new;
--   label:    kept when it starts a path or differs from the row before it.
-- Order inside a group = care_path()'s order: (ingangsdatum, einddatum NULLS
-- LAST, label NULLS LAST).  The group keys are taken COLLATE "C": grouping
-- only needs equality (byte equality under every deterministic collation),
-- so the groups are the same, and both sorts compare them with memcmp and
-- abbreviated keys instead of strcoll() (about 20 % less time at scale 5
-- than in the database collation, care_path_sql_dbcoll.sql); the group
-- keys in the output are the same text.  The plain lag() below equals the
-- NULL-skipping rule of DEFINITIONS 3 only while no label is NULL; run.sh
-- checks that the bench labels are never NULL (this favours the SQL side:
-- no extra pass).
SELECT count(*) AS paths,
       sum(hash_record(row(client_id, aanbieder, product, path_no,
                           start, einde, allocations, path, days))) AS checksum
FROM (SELECT client_id, aanbieder, product, path_no::int AS path_no,
             min(ingangsdatum) AS start,
             CASE WHEN bool_and(einddatum IS NOT NULL) THEN max(einddatum) END AS einde,
             count(*)::int AS allocations,
             string_agg(label, ' > ')
                 FILTER (WHERE keep_label) AS path,
             CASE WHEN bool_and(einddatum IS NOT NULL)
                  THEN max(einddatum) - min(ingangsdatum) + 1 END AS days
      FROM (SELECT client_id, aanbieder, product, ingangsdatum, einddatum, label,
                   sum(is_new::int) OVER (PARTITION BY client_id, aanbieder, product
                                          ORDER BY ingangsdatum, einddatum NULLS LAST, label NULLS LAST
                                          ROWS UNBOUNDED PRECEDING) AS path_no,
                   label IS NOT NULL AND (is_new OR label IS DISTINCT FROM prev_label) AS keep_label
            FROM (SELECT client_id, aanbieder, product, ingangsdatum, einddatum, label,
                         prev_end IS NULL OR ingangsdatum - :gap > prev_end AS is_new,
                         prev_label
                  FROM (SELECT client_id, aanbieder, product, ingangsdatum, einddatum, label,
                               max(coalesce(einddatum, 'infinity'::date)) OVER w1 AS prev_end,
                               lag(label) OVER w1 AS prev_label  -- lag ignores the frame: same WindowAgg
                        FROM (SELECT client_id COLLATE "C" AS client_id, aanbieder COLLATE "C" AS aanbieder,
                                     product COLLATE "C" AS product, ingangsdatum, einddatum, label
                                FROM bench.alloc) alloc
                        WINDOW w AS (PARTITION BY client_id, aanbieder, product
                                     ORDER BY ingangsdatum, einddatum NULLS LAST, label NULLS LAST),
                               w1 AS (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) a
                 ) b
            ORDER BY client_id, aanbieder, product, path_no, ingangsdatum, einddatum NULLS LAST, label NULLS LAST
           ) c
      GROUP BY client_id, aanbieder, product, path_no) d;
