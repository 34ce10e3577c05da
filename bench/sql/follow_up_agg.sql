-- The same follow-up classes with the C aggregate follow_up_agg: a hash
-- aggregate per (client_id, product) that sorts only inside each group,
-- then unnest in the select list (see care_path_c.sql).  The aggregate's
-- first argument breaks ties on (ingangsdatum, einddatum) bytewise and
-- comes back with each row: toewijzingnummer || chr(1) || gemeente sorts
-- as (toewijzingnummer, gemeente) does under this database's C.UTF-8
-- collation (chr(1) is below every character of a code), so the order, the
-- classes and the checksum are the window function's.
SELECT count(*) AS allocations,
       sum(hash_record(row(split_part((f).toewijzingnummer, chr(1), 2),
                           split_part((f).toewijzingnummer, chr(1), 1),
                           (f).follow_up, (f).gap_days))) AS checksum
FROM (SELECT unnest(jeugdnorm.follow_up_agg(toewijzingnummer || chr(1) || gemeente,
                                            ingangsdatum, einddatum, :ext, :rec)) AS f
      FROM bench.alloc
      GROUP BY client_id, product) s;
