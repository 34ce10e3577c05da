-- The same follow-up classes in plain SQL: running max of einddatum over the
-- earlier rows (open = 'infinity') with a window frame, then CASE.
-- PARTITION BY ... COLLATE "C": a partition only needs equality, which is
-- byte equality under every deterministic collation, so the partitions are
-- the same; the sort then compares the partition keys with memcmp and
-- abbreviated keys instead of strcoll() (about 35 % less time at scale 5
-- than PARTITION BY in the database collation, follow_up_sql_dbcoll.sql).
-- The views do the same (src/sql/40_paths.sql).  The order inside a
-- partition stays in the database collation (C.UTF-8 here, which is
-- bytewise: follow_up()'s and follow_up_agg's order).
SELECT count(*) AS allocations,
       sum(hash_record(row(gemeente, toewijzingnummer, follow_up, gap_days))) AS checksum
FROM (SELECT gemeente, toewijzingnummer,
             CASE WHEN prev_end IS NULL THEN 'eerste'
                  WHEN prev_end = 'infinity' THEN 'verlenging'
                  WHEN ingangsdatum - prev_end <= :ext THEN 'verlenging'
                  WHEN ingangsdatum - prev_end <= :rec THEN 'recidive'
                  ELSE 'nieuw' END AS follow_up,
             CASE WHEN prev_end <> 'infinity' THEN ingangsdatum - prev_end END AS gap_days
      FROM (SELECT gemeente, toewijzingnummer, ingangsdatum,
                   max(coalesce(einddatum, 'infinity'::date))
                       OVER (PARTITION BY client_id COLLATE "C", product COLLATE "C"
                             ORDER BY ingangsdatum, einddatum NULLS LAST, toewijzingnummer, gemeente
                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
            FROM bench.alloc) a) s;
