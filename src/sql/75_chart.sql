-- ---------------------------------------------------------------------------
-- 75_chart.sql (new in 0.3.0) -- text and chart helpers for the norm sheets
-- (issue 20; the sheets themselves are 76_norm_sheet.sql).
--
-- What: Dutch number and date notation, HTML escaping, and three small SVG
-- charts drawn from arrays (a histogram with a norm line, a pair of bar
-- series, lines over years).  Why in SQL: a norm sheet is made inside the
-- database from the contract views, so it needs no BI tool, no JavaScript
-- and no file next to it; the helpers are public (schema jeugdnorm) so that
-- other pages can be built the same way.
--
-- Rules every helper keeps:
--  * Every text that reaches the output goes through jeugdnorm.html_escape()
--    (labels, titles, series names, the printed figures): a name with <, &
--    or quotes renders as text and cannot inject markup.
--  * A chart prints only the texts its caller passes (bar_texts, texts):
--    the caller decides what a figure looks like, including the small-cell
--    text '< 10'; the helpers print no number of their own except the
--    percentage ticks of svg_lines (0 %, 50 %, 100 %) when asked for them.
--    Bar heights and point positions come from the numbers passed; a caller
--    that suppresses a figure passes NULL (svg_lines, svg_bar_pair: nothing
--    drawn) or a stand-in height with hatched = true (svg_histogram).
--  * keys (optional): a data-k attribute on each printed figure, so that a
--    test can find every figure and compare it with the value it came from.
--  * Pure functions of their arguments: IMMUTABLE, PARALLEL SAFE.
-- ---------------------------------------------------------------------------

-- ---- text --------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION jeugdnorm.html_escape(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
           value, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;');
COMMENT ON FUNCTION jeugdnorm.html_escape(text) IS
    'HTML (and SVG/XML) escaping of a text: & < > " and '' as entities, so the text renders as text in an element or a quoted attribute';

-- nl_number: round to `decimals`, decimal comma, thousands dot ('1.234,5').
-- Locale-independent (to_char's D and G follow lc_numeric).
CREATE OR REPLACE FUNCTION jeugdnorm.nl_number(value numeric, decimals integer DEFAULT 0) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (SELECT CASE WHEN r.v < 0 THEN '-' ELSE '' END
               || pg_catalog.regexp_replace(pg_catalog.split_part(pg_catalog.abs(r.v)::text, '.', 1),
                                            '([0-9])(?=([0-9]{3})+$)', '\1.', 'g')
               || CASE WHEN decimals > 0
                       THEN ',' || pg_catalog.split_part(pg_catalog.abs(r.v)::text, '.', 2)
                       ELSE '' END
          FROM (SELECT pg_catalog.round(value, greatest(decimals, 0)) AS v) r);
COMMENT ON FUNCTION jeugdnorm.nl_number(numeric, integer) IS
    'a number in Dutch notation: rounded to `decimals` (default 0), decimal comma, thousands dot, e.g. 1234.56 -> ''1.234,6'' with 1 decimal';

CREATE OR REPLACE FUNCTION jeugdnorm.nl_percent(share numeric, decimals integer DEFAULT 1) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN jeugdnorm.nl_number(share * 100, decimals) || ' %';
COMMENT ON FUNCTION jeugdnorm.nl_percent(numeric, integer) IS
    'a fraction as a percentage in Dutch notation, e.g. 0.3333 -> ''33,3 %'' (default 1 decimal)';

CREATE OR REPLACE FUNCTION jeugdnorm.nl_date(value date) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.to_char(value, 'DD-MM-YYYY');
COMMENT ON FUNCTION jeugdnorm.nl_date(date) IS
    'a date as dd-mm-jjjj, e.g. 2025-06-30 -> ''30-06-2025''';

-- nl_compact: at most max_decimals, trailing zeros dropped ('2,5', '12').
CREATE OR REPLACE FUNCTION jeugdnorm.nl_compact(value numeric, max_decimals integer DEFAULT 2) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (SELECT CASE WHEN t.s LIKE '%,%'
                    THEN pg_catalog.rtrim(pg_catalog.rtrim(t.s, '0'), ',')
                    ELSE t.s END
          FROM (SELECT jeugdnorm.nl_number(value, max_decimals) AS s) t);
COMMENT ON FUNCTION jeugdnorm.nl_compact(numeric, integer) IS
    'a number in Dutch notation with at most max_decimals (default 2) and no trailing zeros, e.g. 2.50 -> ''2,5'', 12.00 -> ''12''';

-- ---- small cells -------------------------------------------------------------------
--
-- small_cells(counts, min): which cells of one table (or histogram) to
-- suppress so that no count of 1 .. min-1 can be read or worked out.
-- Primary: every count with 0 < count < min.  Secondary: when the cells
-- add up to a total that is printed elsewhere (the n of the spread table,
-- the total of a column), the suppressed cells together could be worked
-- out by difference; so, when anything is suppressed, further cells are
-- suppressed, smallest first, until the suppressed cells hold at least
-- min together.  A count of 0 (or NULL) is never suppressed (it is no
-- person).  Cells are taken in (count, position) order, so the answer does
-- not depend on anything but the array.
CREATE OR REPLACE FUNCTION jeugdnorm.small_cells(counts bigint[], min_cell integer) RETURNS boolean[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (SELECT coalesce(pg_catalog.array_agg(x.sup ORDER BY x.i), '{}'::boolean[])
          FROM (SELECT c.i,
                       c.v > 0
                       AND (c.v < min_cell
                            OR (c.any_small
                                AND coalesce(pg_catalog.sum(c.v) OVER (ORDER BY c.v, c.i
                                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                                    < min_cell)) AS sup
                  FROM (SELECT u.i, coalesce(u.v, 0) AS v,
                               pg_catalog.bool_or(coalesce(u.v, 0) > 0 AND coalesce(u.v, 0) < min_cell) OVER () AS any_small
                          FROM pg_catalog.unnest(counts) WITH ORDINALITY AS u(v, i)) c) x);
COMMENT ON FUNCTION jeugdnorm.small_cells(bigint[], integer) IS
    'small-cell suppression of one set of counts: true for every count with 0 < count < min_cell and, when any is, for further cells (smallest first) until the suppressed cells hold at least min_cell together, so none can be worked out from a printed total';

-- ---- charts ------------------------------------------------------------------------

-- svg_histogram: vertical bars, one per label (an empty label is not
-- written under its bar), height = counts[i] (a NULL count is an empty bin); bar_texts[i] printed above the bar (NULL: none);
-- hatched[i] draws the bar grey with a dashed outline (a suppressed small
-- cell, its height a stand-in).  norm_at: where the norm line goes, in bins
-- from the left edge (6 = the right edge of the 6th bin; NULL = no norm;
-- beyond the last bin: at the right edge); norm_text is written next to it.
CREATE OR REPLACE FUNCTION jeugdnorm.svg_histogram(
        title text, labels text[], counts numeric[], bar_texts text[],
        hatched boolean[] DEFAULT NULL, norm_at numeric DEFAULT NULL,
        norm_text text DEFAULT NULL, keys text[] DEFAULT NULL)
    RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    w  constant numeric := 340;
    h  constant numeric := 118;
    ml constant numeric := 6;
    mr constant numeric := 6;
    mt numeric := 16;
    mb constant numeric := 14;
    rot boolean;
    n      integer := coalesce(array_length(labels, 1), 0);
    bw     numeric;
    top    numeric;
    bh     numeric;
    x      numeric;
    fs     numeric;
    out    text;
    i      integer;
BEGIN
    IF n = 0 THEN
        RETURN format('<svg class="chart" viewBox="0 0 %s %s" role="img"><title>%s</title>'
                      '<text x="%s" y="%s" class="empty">geen gegevens</text></svg>',
                      w, h, jeugdnorm.html_escape(coalesce(title, '')), w / 2, h / 2);
    END IF;
    bw := (w - ml - mr) / n;
    fs := least(7, greatest(5, round(bw * 0.5, 1)));
    -- narrow bars: the values stand upright above the bars
    rot := bw < 16;
    IF rot THEN mt := 26; END IF;
    SELECT greatest(max(c), 0) INTO top FROM unnest(counts) AS c;
    IF top IS NULL OR top = 0 THEN top := 1; END IF;
    out := format('<svg class="chart" viewBox="0 0 %s %s" role="img"><title>%s</title>',
                  w, h, jeugdnorm.html_escape(coalesce(title, '')));
    out := out || format('<line x1="%s" y1="%s" x2="%s" y2="%s" class="axis"/>',
                         ml, h - mb, w - mr, h - mb);
    FOR i IN 1 .. n LOOP
        x := ml + (i - 1) * bw;
        bh := round(coalesce(greatest(counts[i], 0), 0) / top * (h - mt - mb), 2);
        IF bh > 0 THEN
            out := out || format('<rect x="%s" y="%s" width="%s" height="%s" class="%s"/>',
                                 round(x + bw * 0.1, 2), round(h - mb - bh, 2), round(bw * 0.8, 2), bh,
                                 CASE WHEN coalesce(hatched[i], false) THEN 'bar sup' ELSE 'bar' END);
        END IF;
        IF bar_texts[i] IS NOT NULL AND rot THEN
            out := out || format('<text x="%s" y="%s" class="val r" transform="rotate(-90 %s %s)" style="font-size:%spx"%s>%s</text>',
                                 round(x + bw / 2 + fs * 0.35, 2), round(h - mb - bh - 2, 2),
                                 round(x + bw / 2 + fs * 0.35, 2), round(h - mb - bh - 2, 2), fs,
                                 CASE WHEN keys[i] IS NOT NULL
                                      THEN format(' data-k="%s"', jeugdnorm.html_escape(keys[i])) ELSE '' END,
                                 jeugdnorm.html_escape(bar_texts[i]));
        ELSIF bar_texts[i] IS NOT NULL THEN
            out := out || format('<text x="%s" y="%s" class="val" style="font-size:%spx"%s>%s</text>',
                                 round(x + bw / 2, 2), round(h - mb - bh - 2, 2), fs,
                                 CASE WHEN keys[i] IS NOT NULL
                                      THEN format(' data-k="%s"', jeugdnorm.html_escape(keys[i])) ELSE '' END,
                                 jeugdnorm.html_escape(bar_texts[i]));
        END IF;
        IF coalesce(labels[i], '') <> '' THEN
            out := out || format('<text x="%s" y="%s" class="lbl" style="font-size:%spx">%s</text>',
                                 round(x + bw / 2, 2), h - mb + 8, fs, jeugdnorm.html_escape(labels[i]));
        END IF;
    END LOOP;
    IF norm_at IS NOT NULL THEN
        x := round(ml + least(greatest(norm_at, 0), n) * bw, 2);
        out := out || format('<line x1="%s" y1="%s" x2="%s" y2="%s" class="norm"/>', x, 2, x, h - mb);
        IF norm_text IS NOT NULL THEN
            out := out || format('<text x="%s" y="%s" class="normtxt" text-anchor="%s">%s</text>',
                                 CASE WHEN x > w * 0.6 THEN x - 3 ELSE x + 3 END, 8,
                                 CASE WHEN x > w * 0.6 THEN 'end' ELSE 'start' END,
                                 jeugdnorm.html_escape(norm_text));
        END IF;
    END IF;
    RETURN out || '</svg>';
END;
$$;
COMMENT ON FUNCTION jeugdnorm.svg_histogram(text, text[], numeric[], text[], boolean[], numeric, text, text[]) IS
    'inline SVG histogram: one bar per label with height counts[i], bar_texts[i] above it, hatched[i] grey (a suppressed small cell), a dashed norm line at norm_at bins from the left with norm_text; every text escaped; keys[i] becomes data-k on the bar text';

-- svg_bar_pair: horizontal bars per label, series a (and b, when given)
-- under each other, length value / scale_max (scale_max NULL: the largest
-- value, at least 1); a NULL value draws no bar, its text is still printed.
-- ref_at: a dashed reference line at that value (e.g. 1 for a ratio).
CREATE OR REPLACE FUNCTION jeugdnorm.svg_bar_pair(
        title text, labels text[], a numeric[], a_texts text[], a_name text,
        b numeric[] DEFAULT NULL, b_texts text[] DEFAULT NULL, b_name text DEFAULT NULL,
        scale_max numeric DEFAULT NULL, ref_at numeric DEFAULT NULL,
        a_keys text[] DEFAULT NULL, b_keys text[] DEFAULT NULL)
    RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n       integer := coalesce(array_length(labels, 1), 0);
    two     boolean := b_name IS NOT NULL;
    w       constant numeric := 340;
    ml      constant numeric := 78;
    mr      constant numeric := 44;
    mt      constant numeric := 14;
    rowh    numeric;
    barh    numeric;
    h       numeric;
    top     numeric := scale_max;
    y       numeric;
    len     numeric;
    out     text;
    i       integer;
    s       integer;
    v       numeric;
    t       text;
    k       text;
BEGIN
    rowh := CASE WHEN two THEN 26 ELSE 16 END;
    barh := 9;
    h := mt + greatest(n, 1) * rowh + 4;
    IF top IS NULL THEN
        SELECT greatest(max(x), 1) INTO top FROM unnest(a || coalesce(b, '{}'::numeric[])) AS x;
    END IF;
    IF top IS NULL OR top <= 0 THEN top := 1; END IF;
    out := format('<svg class="chart" viewBox="0 0 %s %s" role="img"><title>%s</title>',
                  w, h, jeugdnorm.html_escape(coalesce(title, '')));
    -- legend
    out := out || format('<rect x="%s" y="2" width="8" height="8" class="s1"/><text x="%s" y="9" class="leg">%s</text>',
                         ml, ml + 11, jeugdnorm.html_escape(coalesce(a_name, '')));
    IF two THEN
        out := out || format('<rect x="%s" y="2" width="8" height="8" class="s2"/><text x="%s" y="9" class="leg">%s</text>',
                             ml + 120, ml + 131, jeugdnorm.html_escape(b_name));
    END IF;
    FOR i IN 1 .. n LOOP
        y := mt + (i - 1) * rowh;
        out := out || format('<text x="%s" y="%s" class="rowlbl">%s</text>',
                             ml - 4, round(y + (rowh - 4) / 2 + 3, 2), jeugdnorm.html_escape(coalesce(labels[i], '')));
        FOR s IN 1 .. CASE WHEN two THEN 2 ELSE 1 END LOOP
            IF s = 1 THEN v := a[i]; t := a_texts[i]; k := a_keys[i];
            ELSE v := b[i]; t := b_texts[i]; k := b_keys[i]; END IF;
            len := round(least(greatest(coalesce(v, 0), 0) / top, 1) * (w - ml - mr), 2);
            IF len > 0 THEN
                out := out || format('<rect x="%s" y="%s" width="%s" height="%s" class="s%s"/>',
                                     ml, round(y + (s - 1) * (barh + 2), 2), len, barh, s);
            END IF;
            IF t IS NOT NULL THEN
                out := out || format('<text x="%s" y="%s" class="val l"%s>%s</text>',
                                     ml + len + 3, round(y + (s - 1) * (barh + 2) + barh - 1.5, 2),
                                     CASE WHEN k IS NOT NULL
                                          THEN format(' data-k="%s"', jeugdnorm.html_escape(k)) ELSE '' END,
                                     jeugdnorm.html_escape(t));
            END IF;
        END LOOP;
    END LOOP;
    out := out || format('<line x1="%s" y1="%s" x2="%s" y2="%s" class="axis"/>', ml, mt - 2, ml, h - 2);
    IF ref_at IS NOT NULL AND ref_at <= top THEN
        len := round(ref_at / top * (w - ml - mr), 2);
        out := out || format('<line x1="%s" y1="%s" x2="%s" y2="%s" class="norm"/>', ml + len, mt - 2, ml + len, h - 2);
    END IF;
    RETURN out || '</svg>';
END;
$$;
COMMENT ON FUNCTION jeugdnorm.svg_bar_pair(text, text[], numeric[], text[], text, numeric[], text[], text, numeric, numeric, text[], text[]) IS
    'inline SVG horizontal bar chart: per label a bar of series a and, when b_name is given, one of series b under it, scaled to scale_max (NULL: largest value, at least 1); a NULL value draws no bar but its text is printed; ref_at draws a dashed reference line; every text escaped; keys become data-k on the value texts';

-- svg_lines: one line per series over the x labels (years); vals holds the
-- series one after the other (series s, point i = vals[(s-1)*n + i]); a
-- NULL value is a gap (not drawn).  y runs from 0 to y_max; y_ticks are
-- drawn as grid lines labelled with tick_texts.  Points carry no text of
-- their own: the figures are in the table next to the chart.
CREATE OR REPLACE FUNCTION jeugdnorm.svg_lines(
        title text, x_labels text[], series text[], vals numeric[],
        y_max numeric, y_ticks numeric[] DEFAULT NULL, tick_texts text[] DEFAULT NULL)
    RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    w   constant numeric := 260;
    h   constant numeric := 130;
    ml  constant numeric := 28;
    mr  constant numeric := 12;
    mt  constant numeric := 20;
    mb  constant numeric := 14;
    n   integer := coalesce(array_length(x_labels, 1), 0);
    ns  integer := coalesce(array_length(series, 1), 0);
    top numeric := CASE WHEN y_max IS NULL OR y_max <= 0 THEN 1 ELSE y_max END;
    out text;
    i   integer;
    s   integer;
    x   numeric;
    y   numeric;
    v   numeric;
    seg text;
    dx  numeric;
BEGIN
    dx := CASE WHEN n > 1 THEN (w - ml - mr) / (n - 1) ELSE 0 END;
    out := format('<svg class="chart" viewBox="0 0 %s %s" role="img"><title>%s</title>',
                  w, h, jeugdnorm.html_escape(coalesce(title, '')));
    FOR i IN 1 .. coalesce(array_length(y_ticks, 1), 0) LOOP
        y := round(h - mb - least(greatest(y_ticks[i], 0), top) / top * (h - mt - mb), 2);
        out := out || format('<line x1="%s" y1="%s" x2="%s" y2="%s" class="gl"/>', ml, y, w - mr, y);
        IF tick_texts[i] IS NOT NULL THEN
            out := out || format('<text x="%s" y="%s" class="tick">%s</text>', ml - 3, y + 2.5,
                                 jeugdnorm.html_escape(tick_texts[i]));
        END IF;
    END LOOP;
    FOR i IN 1 .. n LOOP
        x := round(CASE WHEN n > 1 THEN ml + (i - 1) * dx ELSE (w + ml - mr) / 2 END, 2);
        out := out || format('<text x="%s" y="%s" class="lbl">%s</text>', x, h - mb + 10,
                             jeugdnorm.html_escape(coalesce(x_labels[i], '')));
    END LOOP;
    FOR s IN 1 .. ns LOOP
        seg := '';
        FOR i IN 1 .. n LOOP
            v := vals[(s - 1) * n + i];
            x := round(CASE WHEN n > 1 THEN ml + (i - 1) * dx ELSE (w + ml - mr) / 2 END, 2);
            IF v IS NULL THEN
                IF seg <> '' THEN
                    out := out || format('<polyline points="%s" class="ln s%s"/>', btrim(seg), s);
                END IF;
                seg := '';
                CONTINUE;
            END IF;
            y := round(h - mb - least(greatest(v, 0), top) / top * (h - mt - mb), 2);
            seg := seg || format('%s,%s ', x, y);
            out := out || format('<circle cx="%s" cy="%s" r="2" class="s%s"/>', x, y, s);
        END LOOP;
        IF seg <> '' THEN
            out := out || format('<polyline points="%s" class="ln s%s"/>', btrim(seg), s);
        END IF;
        out := out || format('<rect x="%s" y="2" width="8" height="8" class="s%s"/><text x="%s" y="9" class="leg">%s</text>',
                             ml + (s - 1) * 90, s, ml + (s - 1) * 90 + 11,
                             jeugdnorm.html_escape(coalesce(series[s], '')));
    END LOOP;
    out := out || format('<line x1="%s" y1="%s" x2="%s" y2="%s" class="axis"/>', ml, h - mb, w - mr, h - mb);
    RETURN out || '</svg>';
END;
$$;
COMMENT ON FUNCTION jeugdnorm.svg_lines(text, text[], text[], numeric[], numeric, numeric[], text[]) IS
    'inline SVG line chart over x labels (years): one line per series, vals series after series, NULL = gap; y from 0 to y_max with grid lines at y_ticks labelled tick_texts; every text escaped';
