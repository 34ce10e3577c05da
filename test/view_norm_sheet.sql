-- view_norm_sheet.sql -- the norm sheets (issue 20): chart and text helpers,
-- every printed figure against the view value it comes from, small-cell
-- suppression, escaping, tenancy.
--
-- Region: test/fixtures/norm_sheets.sql (45A12 with 36 completed paths in
-- two gemeenten and three providers, 45A30 with 3 completed paths; names
-- with markup, & and quotes).  Rendering (Chromium, PDF pages, PNG) is
-- test/scripts/render-sheets.sh.
BEGIN;
CREATE EXTENSION jeugdnorm;
SELECT plan(62);

\i test/fixtures/norm_sheets.sql
SELECT count(*) AS mvs FROM jeugdnorm.refresh() \gset

-- ---- helpers of this test ----------------------------------------------------------
-- html entities back to text (only those html_escape and the sheet write)
CREATE FUNCTION pg_temp.unescape(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT replace(replace(replace(replace(replace(replace(t, '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'),
                   '&quot;', '"'), '&#39;', ''''), '&amp;', '&')
$$;
-- every printed figure: (data-k key, text as shown)
CREATE FUNCTION pg_temp.figures(html text) RETURNS TABLE (k text, txt text) LANGUAGE sql IMMUTABLE AS $$
    SELECT pg_temp.unescape(m[1]), pg_temp.unescape(m[2])
      FROM regexp_matches(html, 'data-k="([^"]*)"[^>]*>([^<]*)<', 'g') AS m
$$;
-- the text a reader sees: no style sheet, no tags, entities resolved
CREATE FUNCTION pg_temp.visible(html text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT regexp_replace(pg_temp.unescape(regexp_replace(regexp_replace(html, '<style>.*</style>', ' '),
                                                          '<[^>]*>', ' ', 'g')), '\s+', ' ', 'g')
$$;
-- the digits a reader sees outside the figures: figures, table headers
-- and axis labels taken out, then the codes, the version and the years
CREATE FUNCTION pg_temp.stray_numbers(html text, codes text[]) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    t text := html;
    c text;
BEGIN
    t := regexp_replace(t, '<style>.*</style>', ' ');
    t := regexp_replace(t, '<(span|b|td|text)[^>]*data-k="[^"]*"[^>]*>[^<]*</\1>', ' ', 'g');
    t := regexp_replace(t, '<th[^>]*>[^<]*</th>', ' ', 'g');
    t := regexp_replace(t, '<text[^>]*class="(lbl|tick)"[^>]*>[^<]*</text>', ' ', 'g');
    t := pg_temp.visible(t);
    FOREACH c IN ARRAY codes LOOP
        t := replace(t, c, ' ');
    END LOOP;
    RETURN ARRAY(SELECT DISTINCT m[1]
                   FROM regexp_matches(t, '([0-9][0-9.,]*)', 'g') AS m
                  WHERE m[1] !~ '^20[0-9]{2}$'        -- years
                    AND m[1] <> '1,00'                -- "verhouding 1,00 = precies op de norm"
                  ORDER BY 1);
END;
$$;
-- what each figure should read, from the views (min_cell_paths = 1: no suppression)
CREATE FUNCTION pg_temp.expected(p text, a text) RETURNS TABLE (k text, txt text) LANGUAGE sql STABLE AS $$
    SELECT 'product_histogram|paths|' || h.measure || '|' || h.bin, jeugdnorm.nl_number(h.paths)
      FROM jeugdnorm.product_histogram h WHERE h.product = p
    UNION ALL
    SELECT 'product_spread|' || c.col || '|' || s.measure, c.txt
      FROM jeugdnorm.product_spread s
     CROSS JOIN LATERAL (VALUES ('n', jeugdnorm.nl_number(s.n)), ('mean', jeugdnorm.nl_number(s.mean, 1)),
                                ('p10', jeugdnorm.nl_number(s.p10, 1)), ('p25', jeugdnorm.nl_number(s.p25, 1)),
                                ('median', jeugdnorm.nl_number(s.median, 1)), ('p75', jeugdnorm.nl_number(s.p75, 1)),
                                ('p90', jeugdnorm.nl_number(s.p90, 1))) AS c(col, txt)
     WHERE s.product = p
    UNION ALL
    SELECT 'norm_deviation|' || c.col || '|' || coalesce(d.aanbieder, 'all'), coalesce(c.txt, '–')
      FROM jeugdnorm.norm_deviation d
     CROSS JOIN LATERAL (VALUES ('paths', jeugdnorm.nl_number(d.paths)),
                                ('paths_with_norm', jeugdnorm.nl_number(d.paths_with_norm)),
                                ('share_above_doorlooptijd', jeugdnorm.nl_percent(d.share_above_doorlooptijd)),
                                ('share_above_volume', jeugdnorm.nl_percent(d.share_above_volume)),
                                ('share_above_frequentie', jeugdnorm.nl_percent(d.share_above_frequentie)),
                                ('median_ratio_doorlooptijd', jeugdnorm.nl_number(d.median_ratio_doorlooptijd, 2)),
                                ('median_ratio_volume', jeugdnorm.nl_number(d.median_ratio_volume, 2)),
                                ('median_ratio_frequentie', jeugdnorm.nl_number(d.median_ratio_frequentie, 2))) AS c(col, txt)
     WHERE d.product = p AND (d.aanbieder IS NULL OR d.aanbieder = a)
    UNION ALL
    SELECT 'follow_up_rates|' || c.col || '|' || f.year, c.txt
      FROM jeugdnorm.follow_up_rates f
     CROSS JOIN LATERAL (VALUES ('allocations', jeugdnorm.nl_number(f.allocations)),
                                ('verlengingen', jeugdnorm.nl_number(f.verlengingen)),
                                ('share_verlenging', jeugdnorm.nl_percent(f.share_verlenging)),
                                ('recidives', jeugdnorm.nl_number(f.recidives)),
                                ('share_recidive', jeugdnorm.nl_percent(f.share_recidive))) AS c(col, txt)
     WHERE f.product = p
    UNION ALL
    SELECT 'realisation|' || c.col || '|' || r.year || '|' || coalesce(r.aanbieder_type, ''), coalesce(c.txt, '–')
      FROM jeugdnorm.realisation r
     CROSS JOIN LATERAL (VALUES ('allocations', jeugdnorm.nl_number(r.allocations)),
                                ('allocated_amount', jeugdnorm.nl_number(r.allocated_amount)),
                                ('claimed_amount', jeugdnorm.nl_number(r.claimed_amount)),
                                ('verzilvering_amount', jeugdnorm.nl_percent(r.verzilvering_amount)),
                                ('verzilvering_volume', jeugdnorm.nl_percent(r.verzilvering_volume))) AS c(col, txt)
     WHERE r.product = p
    UNION ALL
    SELECT 'request_lead_time|' || c.col || '|' || q.year, c.txt
      FROM (SELECT year, sum(requests) AS requests, sum(toegewezen) AS toegewezen, sum(afgewezen) AS afgewezen,
                   sum(open) AS open, sum(within_target)::numeric / sum(answered_with_date) AS share,
                   sum(requests_above_norm) AS above, sum(allocations_stretched) AS stretched
              FROM jeugdnorm.request_lead_time WHERE product = p GROUP BY year) q
     CROSS JOIN LATERAL (VALUES ('requests', jeugdnorm.nl_number(q.requests)),
                                ('toegewezen', jeugdnorm.nl_number(q.toegewezen)),
                                ('afgewezen', jeugdnorm.nl_number(q.afgewezen)),
                                ('open', jeugdnorm.nl_number(q.open)),
                                ('share_within_target', jeugdnorm.nl_percent(q.share)),
                                ('requests_above_norm', jeugdnorm.nl_number(q.above)),
                                ('allocations_stretched', jeugdnorm.nl_number(q.stretched))) AS c(col, txt)
    UNION ALL
    SELECT 'waiting_list|' || c.col || '|' || w.gemeente, c.txt
      FROM jeugdnorm.waiting_list w
     CROSS JOIN LATERAL (VALUES ('waiting', jeugdnorm.nl_number(w.waiting)),
                                ('median_days_waiting', jeugdnorm.nl_number(w.median_days_waiting, 1))) AS c(col, txt)
     WHERE w.product = p
    UNION ALL
    SELECT 'waiting_list|waiting|total', jeugdnorm.nl_number(sum(w.waiting))
      FROM jeugdnorm.waiting_list w WHERE w.product = p HAVING count(*) > 0
    UNION ALL
    SELECT 'settings|' || c.col, c.txt
      FROM jeugdnorm.settings s
     CROSS JOIN LATERAL (VALUES ('peildatum', to_char(s.peildatum, 'DD-MM-YYYY')),
                                ('window_start', to_char(s.window_start, 'DD-MM-YYYY')),
                                ('extension_days', s.extension_days::text), ('recidive_days', s.recidive_days::text),
                                ('path_gap_days', s.path_gap_days::text), ('max_age', s.max_age::text),
                                ('min_cell_paths', s.min_cell_paths::text)) AS c(col, txt)
    UNION ALL
    SELECT 'settings|lead_time_target_days', s.lead_time_target_days::text
      FROM jeugdnorm.settings s
     WHERE EXISTS (SELECT 1 FROM jeugdnorm.request_lead_time q WHERE q.product = p)
        OR EXISTS (SELECT 1 FROM jeugdnorm.waiting_list w WHERE w.product = p)
$$;

-- ---- text helpers --------------------------------------------------------------------
SELECT is(jeugdnorm.nl_number(1234567.891, 1), '1.234.567,9', 'nl_number: thousands dot, decimal comma');
SELECT is(jeugdnorm.nl_number(-1234.5), '-1.235', 'nl_number: negative, rounded half away from zero');
SELECT is(ARRAY[jeugdnorm.nl_number(999), jeugdnorm.nl_number(1000), jeugdnorm.nl_number(0.04, 1), jeugdnorm.nl_number(7, 2)],
          ARRAY['999', '1.000', '0,0', '7,00'], 'nl_number: 999, 1000, 0.04 and 7 with 2 decimals');
SELECT is(jeugdnorm.nl_percent(0.333333), '33,3 %', 'nl_percent: one decimal and a percent sign');
SELECT is(jeugdnorm.nl_date('2025-06-30'), '30-06-2025', 'nl_date: dd-mm-jjjj');
SELECT is(ARRAY[jeugdnorm.nl_compact(2.50), jeugdnorm.nl_compact(100), jeugdnorm.nl_compact(1500.125)],
          ARRAY['2,5', '100', '1.500,13'], 'nl_compact: no trailing zeros, at most 2 decimals');
SELECT is(jeugdnorm.html_escape('<script>a & "b" ''c''</script>'),
          '&lt;script&gt;a &amp; &quot;b&quot; &#39;c&#39;&lt;/script&gt;', 'html_escape: < > & " and ''');
SELECT is(jeugdnorm.small_cells('{3,50,12,0,20}', 10), '{t,f,t,f,f}',
          'small_cells: 3 and then 12 (3 alone could be worked out from the total); 0 stays');
SELECT is(jeugdnorm.small_cells('{3,4,50}', 10), '{t,t,t}', 'small_cells: 3 + 4 < 10, so 50 goes too');
SELECT is(jeugdnorm.small_cells('{30,50,10}', 10), '{f,f,f}', 'small_cells: nothing below the minimum, nothing suppressed');

-- ---- chart helpers ---------------------------------------------------------------------
SELECT is((SELECT count(*) FROM regexp_matches(
              jeugdnorm.svg_histogram('t', ARRAY['a', 'b', 'c', 'd'], ARRAY[5, 10, NULL, 20]::numeric[],
                                      ARRAY['< 10', '10', NULL, '20'], ARRAY[true, false, false, false], 2, 'norm'),
              '<rect ', 'g')), 3::bigint, 'svg_histogram: one bar per non-empty bin');
SELECT matches(jeugdnorm.svg_histogram('t', ARRAY['a', 'b', 'c', 'd'], ARRAY[5, 10, NULL, 20]::numeric[],
                                       ARRAY['< 10', '10', NULL, '20'], ARRAY[true, false, false, false], 2, 'norm'),
               '<line x1="170.00" y1="2" x2="170.00" y2="104" class="norm"/>',
               'svg_histogram: the norm line at 2 bins of 82 from the left margin of 6 (x 170)');
SELECT matches(jeugdnorm.svg_histogram('t', ARRAY['a', 'b'], ARRAY[5, 10]::numeric[], ARRAY['< 10', '10'],
                                       ARRAY[true, false]),
               'class="bar sup"/>.*&lt; 10.*class="bar"/>', 'svg_histogram: a suppressed bar is grey, its text escaped');
SELECT is(jeugdnorm.svg_histogram('<T>', ARRAY['<x>'], ARRAY[1]::numeric[], ARRAY['"&"']) ~ '<T>|<x>|"&"',
          false, 'svg_histogram: title, label and value text escaped');
SELECT is((SELECT count(*) FROM regexp_matches(
              jeugdnorm.svg_bar_pair('t', ARRAY['x', 'y'], ARRAY[0.5, NULL], ARRAY['50 %', '< 10'], 'alle',
                                     ARRAY[0.25, 1], ARRAY['25 %', '100 %'], 'een', 1), '<rect [^>]*class="s[12]"', 'g')),
          5::bigint, 'svg_bar_pair: two legend boxes and three bars (a NULL value draws none)');
SELECT matches(jeugdnorm.svg_bar_pair('t', ARRAY['x'], ARRAY[0.5], ARRAY['50 %'], 'alle', scale_max => 1),
               '<rect x="78" y="14.00" width="109.00" height="9" class="s1"/>', 'svg_bar_pair: 0.5 of 218 units is 109 long');
SELECT is((SELECT count(*) FROM regexp_matches(
              jeugdnorm.svg_lines('t', ARRAY['2023', '2024', '2025', '2026'], ARRAY['a', 'b'],
                                  ARRAY[0.1, NULL, 0.3, 0.4, 0.2, 0.2, 0.2, 0.2], 1), '<polyline ', 'g')),
          3::bigint, 'svg_lines: a NULL breaks the line (a: two pieces, b: one)');
SELECT is((SELECT count(*) FROM regexp_matches(
              jeugdnorm.svg_lines('t', ARRAY['2023', '2024'], ARRAY['a'], ARRAY[NULL, 0.5]::numeric[], 1), '<circle ', 'g')),
          1::bigint, 'svg_lines: no point for a NULL value');

-- ---- settings --------------------------------------------------------------------------
SELECT is((SELECT min_cell_paths FROM jeugdnorm.settings), 10, 'settings.min_cell_paths defaults to 10');
SELECT throws_ok('UPDATE jeugdnorm.settings SET min_cell_paths = 0', '23514', NULL, 'min_cell_paths 0 is refused');

-- ---- sheet structure -------------------------------------------------------------------
SELECT jeugdnorm.norm_sheet('45A12') AS s_all \gset
SELECT ok(:'s_all' LIKE '<!DOCTYPE html><html lang="nl">%</html>', 'a sheet is one HTML document');
SELECT ok(:'s_all' !~* '<script|javascript:|https?://|url\(|@import|<link|<img|src=',
          'no script, no external file, font or image');
SELECT ok(:'s_all' LIKE '%@page{size:A4 portrait;%', 'printed on A4 portrait');
SELECT is((SELECT count(*) FROM regexp_matches(:'s_all', '<svg ', 'g')), 5::bigint,
          'five inline SVG charts (two histograms, norm bars, follow-up and realisation lines)');
SELECT ok(:'s_all' LIKE '%made with jeugdnorm ' || (SELECT extversion FROM pg_extension WHERE extname = 'jeugdnorm') || '</p></footer>%',
          'footer: made with jeugdnorm <version>');
SELECT ok(pg_temp.visible(:'s_all') LIKE '%Peildatum 30-06-2025%venster 01-01-2023%', 'peildatum and window as dd-mm-jjjj');
SELECT ok(:'s_all' LIKE '%class="norm"/>%' AND :'s_all' LIKE '%doorlooptijd max <span data-k="norm|max_doorlooptijd_maanden">6</span> maanden%',
          'the norm (6 months) in the head and as a line');

-- ---- every figure equals its view value (min_cell_paths 1: nothing suppressed) ----------------
UPDATE jeugdnorm.settings SET min_cell_paths = 1;
SELECT jeugdnorm.norm_sheet('45A12') AS s1 \gset
SELECT jeugdnorm.norm_sheet('45A12', '20000002') AS s2 \gset
SELECT cmp_ok((SELECT count(*) FROM pg_temp.figures(:'s1')), '>=', 100::bigint, '45A12: at least 100 figures printed');
SELECT is((SELECT array_agg(f.k || ' = ' || f.txt || ' (view: ' || coalesce(e.txt, 'none') || ')' ORDER BY f.k)
             FROM pg_temp.figures(:'s1') f
             LEFT JOIN (SELECT DISTINCT * FROM pg_temp.expected('45A12', NULL)
                        UNION ALL
                        SELECT 'norm|max_doorlooptijd_maanden', '6' UNION ALL SELECT 'norm|max_volume', '40'
                        UNION ALL SELECT 'norm|max_frequentie_per_week', '3') e ON e.k = f.k
            WHERE e.txt IS DISTINCT FROM f.txt),
          NULL, '45A12: every figure on the sheet equals the view value it comes from');
SELECT is((SELECT array_agg(e.k ORDER BY e.k) FROM pg_temp.expected('45A12', NULL) e
            WHERE NOT EXISTS (SELECT 1 FROM pg_temp.figures(:'s1') f WHERE f.k = e.k)),
          NULL, '45A12: every view value of the product is on the sheet');
SELECT is(pg_temp.stray_numbers(:'s1', ARRAY['45A12', '0758', '0840', '[0,10)', '[10,20)', '[20,30)', '[30,50)', '[50,75)',
                                          '[75,100)', '[100,150)', '[150,inf)',
                                          (SELECT extversion FROM pg_extension WHERE extname = 'jeugdnorm')]),
          '{}'::text[], '45A12: no number on the sheet besides the figures, years, codes and axis labels');
SELECT is((SELECT array_agg(f.k || ' = ' || f.txt ORDER BY f.k)
             FROM pg_temp.figures(:'s2') f
             LEFT JOIN (SELECT DISTINCT * FROM pg_temp.expected('45A12', '20000002')
                        UNION ALL
                        SELECT 'norm|max_doorlooptijd_maanden', '6' UNION ALL SELECT 'norm|max_volume', '40'
                        UNION ALL SELECT 'norm|max_frequentie_per_week', '3') e ON e.k = f.k
            WHERE e.txt IS DISTINCT FROM f.txt),
          NULL, '45A12 for provider M: every figure equals its view value');
SELECT is((SELECT array_agg(e.k ORDER BY e.k) FROM pg_temp.expected('45A12', '20000002') e
            WHERE NOT EXISTS (SELECT 1 FROM pg_temp.figures(:'s2') f WHERE f.k = e.k)),
          NULL, '45A12 for provider M: the provider''s and the all-providers'' norm deviation are both there');
SELECT is((SELECT txt FROM pg_temp.figures(:'s2') WHERE k = 'norm_deviation|share_above_doorlooptijd|20000002' LIMIT 1),
          '58,3 %', 'provider M: 7 of its 12 paths above the duration norm, 58,3 %');
SELECT is((SELECT count(*) FROM pg_temp.figures(:'s2') WHERE k = 'norm_deviation|share_above_volume|20000002'), 2::bigint,
          'provider M: its share above the volume norm in the table and on its bar');
SELECT ok(:'s2' LIKE '%<tr class="hl"><td>2023</td><td>micro</td>%', 'provider M: its aanbieder_type marked in the realisation');

-- ---- small cells (min_cell_paths 10) ------------------------------------------------------
UPDATE jeugdnorm.settings SET min_cell_paths = 10;
SELECT jeugdnorm.norm_sheet('45A30') AS s3 \gset
SELECT jeugdnorm.norm_sheet('45A30', '30000003') AS s3p \gset
SELECT jeugdnorm.norm_sheet('45A12') AS s4 \gset
SELECT is((SELECT paths FROM jeugdnorm.norm_deviation WHERE product = '45A30' AND aanbieder IS NULL), 3::bigint,
          'fixture: 45A30 has 3 completed paths');
SELECT is((SELECT array_agg(DISTINCT m[1]) FROM regexp_matches(pg_temp.visible(:'s3') || ' ' || pg_temp.visible(:'s3p'),
                                                                '(?:^|[^0-9.,])(3|1|2)(?:[^0-9.,]|$)', 'g') AS m),
          NULL, '45A30 (3 paths): no 3 (nor 1 or 2) anywhere in the text, SVG labels and titles included');
SELECT is((SELECT array_agg(DISTINCT f.txt) FROM pg_temp.figures(:'s3p') f
            WHERE f.k !~ '^(settings|norm)\|'),
          '{"< 10"}', '45A30: every figure is shown as "< 10"');
SELECT is((SELECT count(*) FROM regexp_matches(:'s3', 'class="bar sup"', 'g')), 3::bigint,
          '45A30: its three non-empty bins drawn as suppressed bars');
SELECT is((SELECT array_agg(txt ORDER BY k) FROM pg_temp.figures(:'s4') WHERE k LIKE 'waiting_list|%'),
          ARRAY['< 10', '< 10', '< 10', '< 10', '< 10'],
          '45A12: waiting list of 3 and 1 and the total 4: all "< 10"');
SELECT is((SELECT array_agg(txt ORDER BY k) FROM pg_temp.figures(:'s4')
            WHERE k ~ '^request_lead_time\|(requests|toegewezen|afgewezen|open)\|2024$'),
          ARRAY['0', '< 10', '19', '•'],
          '45A12 requests 2024: 19 = 15 granted + 0 refused + 4 open; 4 is small, so 15 is left out too (•)');
SELECT is((SELECT array_agg(f.k ORDER BY f.k) FROM pg_temp.figures(:'s4') f
             JOIN jeugdnorm.product_histogram h
               ON f.k = 'product_histogram|paths|' || h.measure || '|' || h.bin AND h.product = '45A12'
            WHERE h.paths < 10 AND f.txt <> '< 10'), NULL, '45A12: no histogram bin below 10 shows its count');
SELECT is((SELECT txt FROM pg_temp.figures(:'s4') WHERE k = 'product_spread|median|doorlooptijd' LIMIT 1),
          jeugdnorm.nl_number((SELECT median FROM jeugdnorm.product_spread WHERE product = '45A12' AND measure = 'doorlooptijd'), 1),
          '45A12: 36 paths, the median duration is printed (6,0)');
SELECT is((SELECT array_agg(txt ORDER BY k) FROM pg_temp.figures(jeugdnorm.norm_sheet('45A12', '30000003'))
            WHERE k LIKE 'norm_deviation|%|30000003'),
          array_fill('< 10'::text, ARRAY[11]), 'provider X with 4 paths: its 8 table cells and 3 bars all "< 10"');

-- ---- escaping --------------------------------------------------------------------------------
SELECT ok(:'s3p' !~ '<script|<b>"|alert\("|&''', 'names with <script>, <b> and quotes inject no markup');
SELECT is((SELECT count(*) FROM regexp_matches(:'s3p', 'Zorg &lt;script&gt;alert\(&quot;x&quot;\)&lt;/script&gt; &amp; &#39;Co&#39;', 'g')),
          4::bigint, 'the provider name is escaped in the title, the head, the table and the bar legend');
SELECT ok(:'s3p' LIKE '%Groep &lt;b&gt;&quot;klein&quot;&lt;/b&gt; &amp; &#39;co&#39;%', 'the product name is escaped');
SELECT ok(pg_temp.visible(:'s3p') LIKE '%Zorg <script>alert("x")</script> & ''Co''%', '... and reads as the name itself');
SELECT is((SELECT count(*) FROM regexp_matches(:'s3p', '<(svg|table|section|div)[ >]', 'g')),
          (SELECT count(*) FROM regexp_matches(:'s3p', '</(svg|table|section|div)>', 'g')),
          'every svg, table, section and div is closed');

-- ---- errors and the set of sheets --------------------------------------------------------------
SELECT throws_ok($$SELECT jeugdnorm.norm_sheet(NULL)$$, '22004', NULL, 'norm_sheet(NULL) is refused');
SELECT throws_ok($$SELECT jeugdnorm.norm_sheet('ZZ999')$$, '22023',
                 'norm_sheet: unknown product "ZZ999": not in the catalogue and in no view you may read',
                 'an unknown product is refused');
SELECT is((SELECT array_agg(product ORDER BY product) FROM jeugdnorm.norm_sheets()), '{45A12,45A30}',
          'norm_sheets(): one sheet per product with completed paths');
SELECT is((SELECT array_agg(product ORDER BY product) FROM jeugdnorm.norm_sheets('20000002')), '{45A12}',
          'norm_sheets(provider M): its portfolio');
SELECT is((SELECT html FROM jeugdnorm.norm_sheets('20000002')), jeugdnorm.norm_sheet('45A12', '20000002'),
          'norm_sheets(provider) = norm_sheet(product, provider)');

-- ---- tenancy: a reader of 0758 = a database holding only 0758 -----------------------------------
SELECT count(*) AS roles FROM jeugdnorm.create_roles() \gset
CREATE ROLE jn_sheet_758 NOLOGIN IN ROLE jeugdnorm_reader;
CREATE ROLE jn_sheet_none NOLOGIN IN ROLE jeugdnorm_reader;
INSERT INTO jeugdnorm.access (role_name, gemeente) VALUES ('jn_sheet_758', '0758');
CREATE TEMP TABLE reader_sheets (who text, aanbieder text, product text, html text);
GRANT INSERT, SELECT ON reader_sheets TO PUBLIC;
SET ROLE jn_sheet_758;
INSERT INTO reader_sheets SELECT '758', NULL, s.* FROM jeugdnorm.norm_sheets() s;
INSERT INTO reader_sheets SELECT '758', '10000001', s.* FROM jeugdnorm.norm_sheets('10000001') s;
INSERT INTO reader_sheets SELECT '758', '30000003', s.* FROM jeugdnorm.norm_sheets('30000003') s;
RESET ROLE;
SET ROLE jn_sheet_none;
INSERT INTO reader_sheets SELECT 'none', NULL, s.* FROM jeugdnorm.norm_sheets() s;
INSERT INTO reader_sheets SELECT 'none-45A12', NULL, '45A12', jeugdnorm.norm_sheet('45A12');
RESET ROLE;
SELECT is((SELECT count(*) FROM reader_sheets WHERE who = 'none'), 0::bigint, 'a reader without access: no sheets');
SELECT is((SELECT array_agg(DISTINCT split_part(f.k, '|', 1)) FROM reader_sheets r, pg_temp.figures(r.html) f
            WHERE r.who = 'none-45A12'),
          '{norm,settings}', '... and the sheet of a catalogue product holds only its norm and the settings');
SELECT ok((SELECT html FROM reader_sheets WHERE who = '758' AND aanbieder IS NULL AND product = '45A12')
          <> jeugdnorm.norm_sheet('45A12'), 'the reader of 0758 gets another 45A12 sheet than the superuser');
-- now remove everything of 0840 and compare with what the reader got
DELETE FROM jeugdnorm.declaratie WHERE gemeente = '0840';
DELETE FROM jeugdnorm.toewijzing WHERE gemeente = '0840';
DELETE FROM jeugdnorm.verzoek WHERE gemeente = '0840';
DELETE FROM jeugdnorm.contract WHERE gemeente = '0840';
SELECT count(*) AS mvs FROM jeugdnorm.refresh() \gset
SELECT results_eq($$SELECT product, html FROM reader_sheets WHERE who = '758' AND aanbieder IS NULL ORDER BY product$$,
                  $$SELECT product, html FROM jeugdnorm.norm_sheets() ORDER BY product$$,
                  'tenancy: the 0758 reader''s sheets = the sheets of a database with only 0758');
SELECT results_eq($$SELECT product, html FROM reader_sheets WHERE who = '758' AND aanbieder = '10000001' ORDER BY product$$,
                  $$SELECT product, html FROM jeugdnorm.norm_sheets('10000001') ORDER BY product$$,
                  'tenancy: the same for provider R''s sheets');
SELECT results_eq($$SELECT product, html FROM reader_sheets WHERE who = '758' AND aanbieder = '30000003' ORDER BY product$$,
                  $$SELECT product, html FROM jeugdnorm.norm_sheets('30000003') ORDER BY product$$,
                  'tenancy: and for provider X (paths in 0840 only for 45A12)');

-- ---- catalogue -------------------------------------------------------------------------------------
SELECT is((SELECT array_agg(p.proname || ':' || p.prosecdef::text || ':' || p.provolatile::text ORDER BY p.proname)
             FROM pg_proc p WHERE p.pronamespace IN ('jeugdnorm'::regnamespace, 'jeugdnorm_internal'::regnamespace)
              AND p.proname IN ('norm_sheet', 'norm_sheets', 'norm_sheet_context', 'norm_sheet_render')),
          '{norm_sheet:false:s,norm_sheet_context:true:s,norm_sheet_render:false:s,norm_sheets:false:s}',
          'norm_sheet(s) run as the caller (the views'' filter applies); only the catalogue context is SECURITY DEFINER');

SELECT * FROM finish();
ROLLBACK;
