-- ---------------------------------------------------------------------------
-- 76_norm_sheet.sql (new in 0.3.0) -- norm sheets: one printable HTML page
-- per product (optionally one provider against all), made inside the
-- database from the contract views (issue 20; doc/norm-sheets.md).
--
-- What: jeugdnorm.norm_sheet(product, aanbieder) and
-- jeugdnorm.norm_sheets(aanbieder), both drawing with
-- jeugdnorm_internal.norm_sheet_render() from the view rows they read
-- (norm_sheets reads each view once for all products), the setting
-- min_cell_paths, and
-- jeugdnorm.norm_sheet_context() (the catalogue, norm and settings a sheet
-- prints).  Why: the norm work ends in conversations between a policy
-- advisor and a provider's manager; they want one page per product on the
-- table, not a BI model.  Charts: the helpers of 75_chart.sql.
--
-- Decisions:
--  * Figures come from the contract views only (product_histogram,
--    product_spread, norm_deviation, follow_up_rates, realisation,
--    request_lead_time, waiting_list), read as the caller: the functions
--    are SECURITY INVOKER, so each view's access filter (jeugdnorm.access,
--    45_path_views.sql) decides what the sheet holds, exactly as it decides
--    what the caller's BI tool gets.  The only other source is
--    norm_sheet_context() (SECURITY DEFINER): settings, the catalogue row of
--    the product, its norm and the provider's name and type -- tables
--    without client data that readers may not SELECT (settings, norm).
--  * Provider sheets: only norm_deviation has a row per provider, so the
--    provider stands next to all providers there (table and bars); the
--    other sections show the figures of all providers the caller may see,
--    as the views give them (realisation per aanbieder_type: the provider's
--    type is marked).  No figure is computed from care paths or claim
--    lines; sums over gemeenten (requests) are sums of view values.
--  * Small cells: settings.min_cell_paths (default 10).  A count of 1 ..
--    min-1, and every figure computed over fewer than min paths (or
--    allocations, requests), is printed as '< 10' -- in tables, bar labels
--    and chart titles alike; a suppressed histogram bar is drawn grey at the
--    height of min, a suppressed share or point is not drawn.  Within a
--    histogram, the waiting list (whose totals are printed) and the parts
--    of a year's requests the secondary rule of jeugdnorm.small_cells()
--    applies; a cell left out by it reads '•'.  The spread table leaves out
--    min and max: each is the value of one care path, i.e. of one child.
--    What is not protected: the difference between the all-providers row
--    and a provider's row of norm_deviation (the views give both).
--  * Schemas (issue 18, part 7): norm_sheet, norm_sheets, norm_sheet_context
--    and the chart and text helpers of 75_chart.sql are user API (schema
--    jeugdnorm; doc/norm-sheets.md offers the helpers for pages of one's
--    own); the renderer is internal (jeugdnorm_internal).  norm_sheet and
--    norm_sheets have SQL-standard bodies, so they call the renderer by OID
--    and a reader needs no USAGE on jeugdnorm_internal (EXECUTE on the
--    renderer stays with PUBLIC).  The renderer runs as the caller and
--    names norm_sheet_context and the helpers at run time: that is why they
--    stay in schema jeugdnorm, where readers have USAGE.
--  * Numbers in Dutch notation (nl_number etc.), dates dd-mm-jjjj; every
--    text escaped (html_escape).  Each printed figure carries
--    data-k="view|column|key..." so that a test (test/view_norm_sheet.sql)
--    can compare it with the view value it came from.
--  * The frequentie has no histogram in the contract ([R5]); the sheet shows
--    its spread in the table and its norm deviation.
--  * A4 portrait: @page size A4 with 9 mm margins, everything sized in mm
--    and pt; no JavaScript, no external file or font (generic sans-serif).
-- ---------------------------------------------------------------------------

-- ---- setting: min_cell_paths ------------------------------------------------------
--
-- settings is a 0.2.0 table: ADD COLUMN IF NOT EXISTS keeps this file
-- re-runnable and gives a fresh and an upgraded catalogue the same column
-- at the same position (after lead_time_target_days).  The settings guard
-- (20_schema.sql) needs nothing new: an UPDATE of the column marks the row
-- changed like any other, and pg_dump then keeps it.
ALTER TABLE jeugdnorm.settings
    ADD COLUMN IF NOT EXISTS min_cell_paths integer NOT NULL DEFAULT 10
        CONSTRAINT settings_min_cell_paths_positive CHECK (min_cell_paths >= 1);
COMMENT ON COLUMN jeugdnorm.settings.min_cell_paths IS
    'kleinste getoonde aantal (small-cell minimum): the norm sheets print every count below it, and every figure computed over fewer paths, allocations or requests, as ''< min_cell_paths'' (default 10; 1 = no suppression)';

-- ---- norm_sheet_context -----------------------------------------------------------

CREATE OR REPLACE FUNCTION jeugdnorm.norm_sheet_context(product text, aanbieder text DEFAULT NULL)
    RETURNS TABLE (
        window_start date, peildatum date, extension_days integer, recidive_days integer,
        path_gap_days integer, max_age integer, drop_net_zero boolean,
        lead_time_target_days integer, min_cell_paths integer, version text,
        omschrijving text, productgroep text, variant text, financieringsvorm text,
        segment text, in_catalogue boolean,
        norm_for text, norm_geldig_van date, norm_geldig_tot date,
        max_doorlooptijd_maanden numeric, max_volume numeric, max_frequentie_per_week numeric,
        aanbieder_naam text, aanbieder_type text)
    LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    WITH s AS (
        SELECT st.window_start, coalesce(st.peildatum, current_date) AS peildatum,
               st.extension_days, st.recidive_days, st.path_gap_days, st.max_age,
               st.drop_net_zero, st.lead_time_target_days, st.min_cell_paths
          FROM jeugdnorm.settings st
         LIMIT 1
    ),
    p AS (
        SELECT pr.omschrijving, pr.productgroep, pr.variant, pr.financieringsvorm, pr.segment
          FROM jeugdnorm.product pr
         WHERE pr.productcode = $1
         ORDER BY pr.productcategorie
         LIMIT 1
    )
    SELECT s.window_start, s.peildatum, s.extension_days, s.recidive_days, s.path_gap_days,
           s.max_age, s.drop_net_zero, s.lead_time_target_days, s.min_cell_paths,
           (SELECT e.extversion::text FROM pg_catalog.pg_extension e WHERE e.extname = 'jeugdnorm'),
           p.omschrijving, p.productgroep, p.variant, p.financieringsvorm, p.segment,
           p.omschrijving IS NOT NULL OR p.productgroep IS NOT NULL
               OR EXISTS (SELECT 1 FROM jeugdnorm.product x WHERE x.productcode = $1),
           n.productcode, n.geldig_van, n.geldig_tot,
           n.max_doorlooptijd_maanden, n.max_volume, n.max_frequentie_per_week,
           a.naam, a.type
      FROM s
      LEFT JOIN p ON true
      -- [R9] on the peildatum: the product's rows win over the productgroep's,
      -- the latest geldig_van among those valid, the row taken whole.
      LEFT JOIN LATERAL (
            SELECT nm.productcode, nm.geldig_van, nm.geldig_tot,
                   nm.max_doorlooptijd_maanden, nm.max_volume, nm.max_frequentie_per_week
              FROM jeugdnorm.norm nm
             WHERE (nm.productcode = $1 OR nm.productcode = p.productgroep)
               AND nm.geldig_van <= s.peildatum
               AND s.peildatum <= coalesce(nm.geldig_tot, 'infinity'::date)
             ORDER BY (nm.productcode = $1) DESC, nm.geldig_van DESC, nm.norm_id
             LIMIT 1) n ON true
      LEFT JOIN LATERAL (
            SELECT ab.naam, ab.type
              FROM jeugdnorm.aanbieder ab
             WHERE ab.aanbieder = $2
             ORDER BY ab.naam, ab.type
             LIMIT 1) a ON true
$$;
COMMENT ON FUNCTION jeugdnorm.norm_sheet_context(text, text) IS
    'what a norm sheet prints besides the contract views: the settings (peildatum NULL as current_date, min_cell_paths), the extension version, the product''s catalogue row, the norm valid on the peildatum ([R9]: product before productgroep; norm_for says which) and the provider''s name and type; no client data (SECURITY DEFINER: readers may not read settings and norm)';

-- ---- norm_sheet_render: the page from the view rows ------------------------------------
--
-- The rows of the seven views for one product are passed in (norm_sheet
-- reads them for one product, norm_sheets once for all products: the
-- realisation view costs seconds per read on a region).  The renderer reads
-- no view itself, only norm_sheet_context(); what the caller may see was
-- decided when the rows were read.
CREATE OR REPLACE FUNCTION jeugdnorm_internal.norm_sheet_render(
        product text, aanbieder text,
        v_hist jeugdnorm.product_histogram[], v_spread jeugdnorm.product_spread[],
        v_dev jeugdnorm.norm_deviation[], v_fu jeugdnorm.follow_up_rates[],
        v_rea jeugdnorm.realisation[], v_req jeugdnorm.request_lead_time[],
        v_wait jeugdnorm.waiting_list[])
    RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
AS $fn$
#variable_conflict use_column
DECLARE
    p_product   text := norm_sheet_render.product;
    p_aanbieder text := norm_sheet_render.aanbieder;
    c           record;
    m           integer;
    sup         text;
    hid         constant text := '•';   -- left out so that no small cell follows from a printed total
    small       boolean[];
    esc_p       text;
    prov_label  text;
    h           text := '';
    part        text;
    part2       text;
    r           record;
    all_row     record;
    prov_row    record;
    any_data    boolean;
    unit_txt    text;
    labels      text[];
    counts      numeric[];
    texts       text[];
    hatch       boolean[];
    keys        text[];
    norm_at     numeric;
    years       integer[];
    vals        numeric[];
    i           integer;
BEGIN
    IF p_product IS NULL THEN
        RAISE EXCEPTION 'norm_sheet: product must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT * INTO c FROM jeugdnorm.norm_sheet_context(p_product, p_aanbieder);
    m := c.min_cell_paths;
    sup := '< ' || m;
    esc_p := jeugdnorm.html_escape(p_product);

    -- only the rows of this product (and provider) count
    v_hist   := ARRAY(SELECT x FROM unnest(v_hist) x WHERE x.product = p_product);
    v_spread := ARRAY(SELECT x FROM unnest(v_spread) x WHERE x.product = p_product);
    v_dev    := ARRAY(SELECT x FROM unnest(v_dev) x
                       WHERE x.product = p_product AND (x.aanbieder IS NULL OR x.aanbieder = p_aanbieder));
    v_fu     := ARRAY(SELECT x FROM unnest(v_fu) x WHERE x.product = p_product);
    v_rea    := ARRAY(SELECT x FROM unnest(v_rea) x WHERE x.product = p_product);
    v_req    := ARRAY(SELECT x FROM unnest(v_req) x WHERE x.product = p_product);
    v_wait   := ARRAY(SELECT x FROM unnest(v_wait) x WHERE x.product = p_product);
    any_data := c.in_catalogue
        OR cardinality(v_dev) > 0 OR cardinality(v_fu) > 0 OR cardinality(v_rea) > 0
        OR cardinality(v_req) > 0 OR cardinality(v_wait) > 0;
    IF NOT any_data THEN
        RAISE EXCEPTION 'norm_sheet: unknown product "%": not in the catalogue and in no view you may read', p_product
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'SELECT product FROM jeugdnorm.norm_deviation WHERE aanbieder IS NULL lists the products with completed paths.';
    END IF;

    IF p_aanbieder IS NOT NULL THEN
        prov_label := coalesce(c.aanbieder_naam, p_aanbieder);
    END IF;

    -- ---- head -----------------------------------------------------------------
    h := h || '<header><h1>Normblad ' || esc_p
           || CASE WHEN c.omschrijving IS NOT NULL THEN ' · ' || jeugdnorm.html_escape(c.omschrijving) ELSE '' END
           || '</h1><p class="sub">'
           || concat_ws(' · ',
                  'productgroep ' || jeugdnorm.html_escape(coalesce(c.productgroep, 'onbekend')),
                  'variant ' || jeugdnorm.html_escape(c.variant),
                  'financiering ' || jeugdnorm.html_escape(coalesce(c.financieringsvorm, 'onbekend')),
                  'segment ' || jeugdnorm.html_escape(c.segment))
           || '</p>';
    IF p_aanbieder IS NOT NULL THEN
        h := h || '<p class="prov">Aanbieder <b>' || jeugdnorm.html_escape(prov_label) || '</b> (AGB '
               || jeugdnorm.html_escape(p_aanbieder) || ')'
               || CASE WHEN c.aanbieder_type IS NOT NULL THEN ', type ' || jeugdnorm.html_escape(c.aanbieder_type) ELSE '' END
               || ', naast alle aanbieders</p>';
    END IF;
    h := h || '<p class="norm">Norm'
           || CASE WHEN c.norm_for IS NULL THEN ': geen norm geldig op de peildatum'
                   ELSE ' (' || CASE WHEN c.norm_for = p_product THEN 'product' ELSE 'productgroep '
                                     || jeugdnorm.html_escape(c.norm_for) END
                        || ', geldig op de peildatum): '
                        || concat_ws(' · ',
                               'doorlooptijd max <span data-k="norm|max_doorlooptijd_maanden">'
                                   || jeugdnorm.nl_compact(c.max_doorlooptijd_maanden) || '</span> maanden',
                               'volume max <span data-k="norm|max_volume">'
                                   || jeugdnorm.nl_compact(c.max_volume) || '</span>',
                               'frequentie max <span data-k="norm|max_frequentie_per_week">'
                                   || jeugdnorm.nl_compact(c.max_frequentie_per_week) || '</span> per week')
              END
           || '. Elk traject wordt getoetst aan de norm die gold op zijn startdatum.</p>'
           || '<p class="when">Peildatum <b data-k="settings|peildatum">' || jeugdnorm.nl_date(c.peildatum)
           || '</b> · venster <span data-k="settings|window_start">' || jeugdnorm.nl_date(c.window_start)
           || '</span> t/m peildatum · afgesloten trajecten die in het venster starten</p></header>';

    -- ---- histograms ------------------------------------------------------------
    part := '';
    FOR r IN SELECT * FROM (VALUES ('doorlooptijd', 1), ('volume', 2)) AS v(measure, o) ORDER BY o LOOP
        IF r.measure = 'doorlooptijd' THEN
            -- bins 1 .. 24 months and '>24'; the axis names every 6th
            labels := ARRAY(SELECT CASE WHEN g = 25 THEN '>24' WHEN g % 6 = 0 THEN g::text ELSE '' END
                              FROM generate_series(1, 25) g);
            norm_at := CASE WHEN c.max_doorlooptijd_maanden IS NULL THEN NULL
                            WHEN c.max_doorlooptijd_maanden > 24 THEN 24.5
                            ELSE c.max_doorlooptijd_maanden END;
        ELSE
            labels := ARRAY['[0,10)', '[10,20)', '[20,30)', '[30,50)', '[50,75)', '[75,100)', '[100,150)', '[150,inf)'];
            norm_at := CASE
                WHEN c.max_volume IS NULL THEN NULL
                WHEN c.max_volume >= 150 THEN 7.5
                ELSE (SELECT b.i - 1 + (c.max_volume - b.lo) / (b.hi - b.lo)
                        FROM (VALUES (1, 0, 10), (2, 10, 20), (3, 20, 30), (4, 30, 50), (5, 50, 75),
                                     (6, 75, 100), (7, 100, 150)) AS b(i, lo, hi)
                       WHERE c.max_volume >= b.lo AND c.max_volume < b.hi) END;
        END IF;
        WITH bins AS (
            SELECT l.bin, l.o, hh.paths, hh.bin AS view_bin
              FROM unnest(labels) WITH ORDINALITY AS l(bin, o)
              LEFT JOIN unnest(v_hist) hh
                ON hh.measure = r.measure AND hh.bin_order = l.o
        ),
        s AS (
            SELECT b.*, (jeugdnorm.small_cells(array_agg(coalesce(b.paths, 0)) OVER (ORDER BY b.o
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), m))[b.o] AS small
              FROM bins b
        )
        SELECT array_agg(CASE WHEN s.small THEN m ELSE s.paths END ORDER BY s.o),
               array_agg(CASE WHEN s.paths IS NULL OR s.paths = 0 THEN NULL
                              WHEN s.small AND s.paths < m THEN sup
                              WHEN s.small THEN hid ELSE jeugdnorm.nl_number(s.paths) END ORDER BY s.o),
               array_agg(s.small ORDER BY s.o),
               array_agg(CASE WHEN coalesce(s.paths, 0) > 0
                              THEN 'product_histogram|paths|' || r.measure || '|' || s.view_bin END ORDER BY s.o)
          INTO counts, texts, hatch, keys
          FROM s;
        IF NOT EXISTS (SELECT 1 FROM unnest(counts) x WHERE x > 0) THEN
            labels := NULL;
        END IF;
        part := part || '<div><h2>' || CASE WHEN r.measure = 'doorlooptijd'
                                            THEN 'Doorlooptijd (maanden, levering)'
                                            ELSE 'Volume (uren per traject)' END
                || '</h2>'
                || jeugdnorm.svg_histogram(
                       CASE WHEN r.measure = 'doorlooptijd' THEN 'Histogram doorlooptijd ' ELSE 'Histogram volume ' END
                           || p_product,
                       labels, counts, texts, hatch, CASE WHEN labels IS NULL THEN NULL ELSE norm_at END,
                       CASE WHEN labels IS NULL OR norm_at IS NULL THEN NULL ELSE 'norm' END, keys)
                || '</div>';
    END LOOP;
    h := h || '<section class="two">' || part || '</section>';

    -- ---- spread table and the share above the norm -----------------------------
    part := '<div><h2>Spreiding (alle aanbieders)</h2><table><thead><tr><th>maat</th><th>n</th><th>gem.</th>'
            || '<th>p10</th><th>p25</th><th>mediaan</th><th>p75</th><th>p90</th></tr></thead><tbody>';
    FOR r IN SELECT sp.*, o.o
               FROM (VALUES ('doorlooptijd', 1, 'doorlooptijd (mnd)'), ('volume', 2, 'volume'),
                            ('frequentie', 3, 'frequentie (/week)')) AS o(measure, o, label)
               LEFT JOIN unnest(v_spread) sp ON sp.measure = o.measure
              ORDER BY o.o LOOP
        part := part || '<tr><td>' || (ARRAY['doorlooptijd (mnd)',
                      'volume' || coalesce(' (' || jeugdnorm.html_escape(r.unit) || ')', ''),
                      'frequentie (/week)'])[r.o] || '</td>';
        IF r.n IS NULL THEN
            part := part || '<td colspan="7" class="na">geen afgesloten trajecten</td></tr>';
            CONTINUE;
        END IF;
        part := part || format('<td data-k="product_spread|n|%s">%s</td>', r.measure,
                               CASE WHEN r.n > 0 AND r.n < m THEN jeugdnorm.html_escape(sup) ELSE jeugdnorm.nl_number(r.n) END);
        FOR i IN 1 .. 6 LOOP
            part := part || format('<td data-k="product_spread|%s|%s">%s</td>',
                       (ARRAY['mean', 'p10', 'p25', 'median', 'p75', 'p90'])[i], r.measure,
                       CASE WHEN r.n < m THEN jeugdnorm.html_escape(sup)
                            ELSE coalesce(jeugdnorm.nl_number((ARRAY[r.mean, r.p10, r.p25, r.median, r.p75, r.p90])[i], 1), '–') END);
        END LOOP;
        part := part || '</tr>';
    END LOOP;
    part := part || '</tbody></table><p class="note">n = afgesloten trajecten met een waarde; percentielen interpolerend; '
                 || 'minimum en maximum worden niet getoond (de waarde van één traject).</p></div>';

    SELECT * INTO all_row FROM unnest(v_dev) d WHERE d.aanbieder IS NULL;
    -- no provider: no row (the record's fields are then NULL)
    SELECT * INTO prov_row FROM unnest(v_dev) d WHERE d.aanbieder = p_aanbieder;

    -- bars: share above the norm per measure, all (and the provider)
    DECLARE
        a_v numeric[]; a_t text[]; a_k text[]; b_v numeric[]; b_t text[]; b_k text[];
        meas text[] := ARRAY['doorlooptijd', 'volume', 'frequentie'];
        ok_a boolean; ok_b boolean; va numeric; vb numeric;
    BEGIN
        ok_a := all_row.paths_with_norm >= m;
        ok_b := prov_row.paths_with_norm >= m;
        FOR i IN 1 .. 3 LOOP
            va := CASE i WHEN 1 THEN all_row.share_above_doorlooptijd WHEN 2 THEN all_row.share_above_volume
                         ELSE all_row.share_above_frequentie END;
            vb := CASE i WHEN 1 THEN prov_row.share_above_doorlooptijd WHEN 2 THEN prov_row.share_above_volume
                         ELSE prov_row.share_above_frequentie END;
            a_v[i] := CASE WHEN ok_a THEN va END;
            a_t[i] := CASE WHEN all_row.paths IS NULL OR (ok_a AND va IS NULL) THEN '–'
                           WHEN NOT coalesce(ok_a, false) THEN sup ELSE jeugdnorm.nl_percent(va) END;
            a_k[i] := CASE WHEN all_row.paths IS NOT NULL THEN 'norm_deviation|share_above_' || meas[i] || '|all' END;
            b_v[i] := CASE WHEN ok_b THEN vb END;
            b_t[i] := CASE WHEN prov_row.paths IS NULL OR (ok_b AND vb IS NULL) THEN '–'
                           WHEN NOT coalesce(ok_b, false) THEN sup ELSE jeugdnorm.nl_percent(vb) END;
            b_k[i] := CASE WHEN prov_row.paths IS NOT NULL THEN 'norm_deviation|share_above_' || meas[i] || '|' || p_aanbieder END;
        END LOOP;
        part2 := '<div><h2>Aandeel trajecten boven de norm</h2>'
                 || jeugdnorm.svg_bar_pair('Aandeel boven de norm ' || p_product,
                        ARRAY['doorlooptijd', 'volume', 'frequentie'],
                        a_v, a_t, 'alle aanbieders',
                        CASE WHEN p_aanbieder IS NOT NULL THEN b_v END,
                        CASE WHEN p_aanbieder IS NOT NULL THEN b_t END,
                        prov_label, 1, NULL, a_k,
                        CASE WHEN p_aanbieder IS NOT NULL THEN b_k END)
                 || '</div>';
    END;
    h := h || '<section class="two">' || part || part2 || '</section>';

    -- ---- norm deviation table ------------------------------------------------------
    part := '<h2>Afwijking van de norm' || CASE WHEN p_aanbieder IS NOT NULL THEN ': aanbieder naast alle aanbieders' ELSE '' END
            || '</h2><table><thead><tr><th rowspan="2"></th><th rowspan="2">trajecten</th><th rowspan="2">met norm</th>'
            || '<th colspan="3" class="grp">aandeel boven de norm</th><th colspan="3" class="grp">mediaan van waarde / norm</th></tr>'
            || '<tr><th>doorlooptijd</th><th>volume</th><th>frequentie</th><th>doorlooptijd</th><th>volume</th><th>frequentie</th></tr>'
            || '</thead><tbody>';
    FOR r IN SELECT * FROM (VALUES (1), (2)) AS v(o) WHERE v.o = 1 OR p_aanbieder IS NOT NULL ORDER BY v.o LOOP
        DECLARE
            d record; k text; lbl text; ok boolean;
        BEGIN
            IF r.o = 1 THEN d := all_row; k := 'all'; lbl := 'alle aanbieders';
            ELSE d := prov_row; k := p_aanbieder; lbl := prov_label; END IF;
            part := part || '<tr' || CASE WHEN r.o = 2 THEN ' class="hl"' ELSE '' END || '><td>'
                    || jeugdnorm.html_escape(lbl) || '</td>';
            IF d.paths IS NULL THEN
                part := part || '<td colspan="8" class="na">geen afgesloten trajecten</td></tr>';
                CONTINUE;
            END IF;
            ok := d.paths_with_norm >= m;
            part := part
                || format('<td data-k="norm_deviation|paths|%s">%s</td>', jeugdnorm.html_escape(k),
                          CASE WHEN d.paths < m THEN jeugdnorm.html_escape(sup) ELSE jeugdnorm.nl_number(d.paths) END)
                || format('<td data-k="norm_deviation|paths_with_norm|%s">%s</td>', jeugdnorm.html_escape(k),
                          CASE WHEN d.paths_with_norm > 0 AND d.paths_with_norm < m THEN jeugdnorm.html_escape(sup)
                               ELSE jeugdnorm.nl_number(d.paths_with_norm) END);
            FOR i IN 1 .. 6 LOOP
                part := part || format('<td data-k="norm_deviation|%s|%s">%s</td>',
                    (ARRAY['share_above_doorlooptijd', 'share_above_volume', 'share_above_frequentie',
                           'median_ratio_doorlooptijd', 'median_ratio_volume', 'median_ratio_frequentie'])[i],
                    jeugdnorm.html_escape(k),
                    CASE WHEN NOT ok THEN jeugdnorm.html_escape(sup)
                         WHEN i <= 3 THEN coalesce(jeugdnorm.nl_percent((ARRAY[d.share_above_doorlooptijd,
                                  d.share_above_volume, d.share_above_frequentie])[i]), '–')
                         ELSE coalesce(jeugdnorm.nl_number((ARRAY[d.median_ratio_doorlooptijd,
                                  d.median_ratio_volume, d.median_ratio_frequentie])[i - 3], 2), '–') END);
            END LOOP;
            part := part || '</tr>';
        END;
    END LOOP;
    h := h || '<section>' || part || '</tbody></table><p class="note">verhouding 1,00 = precies op de norm; '
           || 'aandelen over de trajecten met een waarde en een norm op die maat.</p></section>';

    -- ---- follow-up rates by year ---------------------------------------------------------
    part := '<div class="wide"><h2>Vervolg per startjaar (alle aanbieders)</h2><table><thead><tr><th>jaar</th><th>toewijzingen</th>'
            || '<th>verlengingen</th><th>aandeel</th><th>recidives</th><th>aandeel</th></tr></thead><tbody>';
    years := '{}'; vals := '{}';
    DECLARE
        sv numeric[] := '{}'; sr numeric[] := '{}'; n integer := 0;
        ok boolean; okv boolean; okr boolean;
    BEGIN
        FOR r IN SELECT f.* FROM unnest(v_fu) f ORDER BY f.year LOOP
            n := n + 1;
            years := years || r.year;
            ok := r.allocations >= m;
            okv := ok AND NOT (r.verlengingen > 0 AND r.verlengingen < m);
            okr := ok AND NOT (r.recidives > 0 AND r.recidives < m);
            sv := sv || CASE WHEN okv THEN r.share_verlenging END;
            sr := sr || CASE WHEN okr THEN r.share_recidive END;
            part := part || format('<tr><td>%s</td>', r.year)
                || format('<td data-k="follow_up_rates|allocations|%s">%s</td>', r.year,
                          CASE WHEN r.allocations < m THEN jeugdnorm.html_escape(sup) ELSE jeugdnorm.nl_number(r.allocations) END)
                || format('<td data-k="follow_up_rates|verlengingen|%s">%s</td>', r.year,
                          CASE WHEN NOT okv THEN jeugdnorm.html_escape(sup) ELSE jeugdnorm.nl_number(r.verlengingen) END)
                || format('<td data-k="follow_up_rates|share_verlenging|%s">%s</td>', r.year,
                          CASE WHEN NOT okv THEN jeugdnorm.html_escape(sup) ELSE jeugdnorm.nl_percent(r.share_verlenging) END)
                || format('<td data-k="follow_up_rates|recidives|%s">%s</td>', r.year,
                          CASE WHEN NOT okr THEN jeugdnorm.html_escape(sup) ELSE jeugdnorm.nl_number(r.recidives) END)
                || format('<td data-k="follow_up_rates|share_recidive|%s">%s</td></tr>', r.year,
                          CASE WHEN NOT okr THEN jeugdnorm.html_escape(sup) ELSE jeugdnorm.nl_percent(r.share_recidive) END);
        END LOOP;
        IF n = 0 THEN
            part := part || '<tr><td colspan="6" class="na">geen toewijzingen in het venster</td></tr>';
        END IF;
        part := part || '</tbody></table></div>';
        part2 := '<div><h2>Aandeel verlenging en recidive</h2>'
                 || jeugdnorm.svg_lines('Vervolg per startjaar ' || p_product,
                        ARRAY(SELECT y::text FROM unnest(years) y), ARRAY['verlenging', 'recidive'], sv || sr,
                        1, ARRAY[0, 0.5, 1]::numeric[], ARRAY['0 %', '50 %', '100 %'])
                 || '</div>';
    END;
    h := h || '<section class="two">' || part || part2 || '</section>';

    -- ---- realisation by year ------------------------------------------------------------
    part := '<div class="wide"><h2>Realisatie per jaar en aanbiedertype (alle aanbieders)</h2><table><thead><tr><th>jaar</th><th>type</th>'
            || '<th>toew.</th><th>toegewezen&nbsp;€</th><th>gedecl.&nbsp;€</th><th>verz.&nbsp;€</th>'
            || '<th>verz. volume</th></tr></thead><tbody>';
    DECLARE
        types text[]; yrs integer[]; lv numeric[] := '{}'; t text; y integer; v numeric; ok boolean; k text;
        n integer := 0;
    BEGIN
        SELECT array_agg(DISTINCT coalesce(x.aanbieder_type, '')), array_agg(DISTINCT x.year)
          INTO types, yrs
          FROM unnest(v_rea) x;
        FOR r IN SELECT x.* FROM unnest(v_rea) x
                  ORDER BY x.year, x.aanbieder_type NULLS LAST LOOP
            n := n + 1;
            ok := r.allocations >= m;
            k := r.year || '|' || coalesce(r.aanbieder_type, '');
            part := part || '<tr' || CASE WHEN p_aanbieder IS NOT NULL AND r.aanbieder_type = c.aanbieder_type
                                          THEN ' class="hl"' ELSE '' END || '>'
                || format('<td>%s</td><td>%s</td>', r.year, jeugdnorm.html_escape(coalesce(r.aanbieder_type, 'onbekend')))
                || format('<td data-k="realisation|allocations|%s">%s</td>', jeugdnorm.html_escape(k),
                          CASE WHEN r.allocations > 0 AND r.allocations < m THEN jeugdnorm.html_escape(sup)
                               ELSE jeugdnorm.nl_number(r.allocations) END)
                || format('<td data-k="realisation|allocated_amount|%s">%s</td>', jeugdnorm.html_escape(k),
                          CASE WHEN NOT ok THEN jeugdnorm.html_escape(sup)
                               ELSE coalesce(jeugdnorm.nl_number(r.allocated_amount), '–') END)
                || format('<td data-k="realisation|claimed_amount|%s">%s</td>', jeugdnorm.html_escape(k),
                          CASE WHEN NOT ok THEN jeugdnorm.html_escape(sup)
                               ELSE coalesce(jeugdnorm.nl_number(r.claimed_amount), '–') END)
                || format('<td data-k="realisation|verzilvering_amount|%s">%s</td>', jeugdnorm.html_escape(k),
                          CASE WHEN NOT ok THEN jeugdnorm.html_escape(sup)
                               ELSE coalesce(jeugdnorm.nl_percent(r.verzilvering_amount), '–') END)
                || format('<td data-k="realisation|verzilvering_volume|%s">%s</td></tr>', jeugdnorm.html_escape(k),
                          CASE WHEN NOT ok THEN jeugdnorm.html_escape(sup)
                               ELSE coalesce(jeugdnorm.nl_percent(r.verzilvering_volume), '–') END);
        END LOOP;
        IF n = 0 THEN
            part := part || '<tr><td colspan="7" class="na">geen toewijzingen of declaraties in het venster</td></tr>';
        END IF;
        part := part || '</tbody></table><p class="note">verzilvering = gedeclareerd / toegewezen; bedragen in euro.</p></div>';
        -- lines: verzilvering in money per type over the years (suppressed: gap)
        SELECT array_agg(yy ORDER BY yy) INTO yrs FROM unnest(yrs) yy;
        SELECT array_agg(tt ORDER BY tt) INTO types FROM unnest(types) tt;
        FOREACH t IN ARRAY coalesce(types, '{}'::text[]) LOOP
            FOREACH y IN ARRAY yrs LOOP
                SELECT CASE WHEN x.allocations >= m THEN x.verzilvering_amount END INTO v
                  FROM unnest(v_rea) x
                 WHERE x.year = y AND coalesce(x.aanbieder_type, '') = t;
                IF NOT FOUND THEN v := NULL; END IF;
                lv := lv || v;
            END LOOP;
        END LOOP;
        part2 := '<div><h2>Verzilvering (bedrag) per aanbiedertype</h2>'
                 || jeugdnorm.svg_lines('Verzilvering per jaar ' || p_product,
                        ARRAY(SELECT yy::text FROM unnest(yrs) yy),
                        ARRAY(SELECT CASE WHEN tt = '' THEN 'onbekend' ELSE tt END FROM unnest(types) tt),
                        lv, greatest(1.2, coalesce((SELECT max(x) FROM unnest(lv) x), 0)),
                        ARRAY[0, 0.5, 1]::numeric[], ARRAY['0 %', '50 %', '100 %'])
                 || '</div>';
    END;
    h := h || '<section class="two">' || part || part2 || '</section>';

    -- ---- requests and the waiting list (where there are requests) ---------------------------------
    IF cardinality(v_req) > 0 OR cardinality(v_wait) > 0 THEN
        part := '<div class="wide"><h2>Aanvragen per jaar van ontvangst (alle gemeenten die u ziet)</h2><table><thead><tr><th>jaar</th>'
                || '<th>verzoeken</th><th>toegewezen</th><th>afgewezen</th><th>open</th>'
                || format('<th>binnen <span data-k="settings|lead_time_target_days">%s</span>&nbsp;d</th>',
                          jeugdnorm.nl_number(c.lead_time_target_days))
                || '<th>boven norm</th><th>opgerekt</th></tr></thead><tbody>';
        FOR r IN SELECT q.year, sum(q.requests) AS requests, sum(q.toegewezen) AS toegewezen,
                        sum(q.afgewezen) AS afgewezen, sum(q.open) AS open,
                        sum(q.within_target) AS within_target, sum(q.answered_with_date) AS answered,
                        sum(q.requests_above_norm) AS above, sum(q.allocations_stretched) AS stretched
                   FROM unnest(v_req) q
                  GROUP BY q.year ORDER BY q.year LOOP
            part := part || format('<tr><td>%s</td>', r.year);
            -- requests = toegewezen + afgewezen + open: one small part would follow from the others
            small := jeugdnorm.small_cells(ARRAY[r.toegewezen, r.afgewezen, r.open]::bigint[], m);
            FOR i IN 1 .. 7 LOOP
                DECLARE
                    col text := (ARRAY['requests', 'toegewezen', 'afgewezen', 'open', 'share_within_target',
                                       'requests_above_norm', 'allocations_stretched'])[i];
                    v numeric := (ARRAY[r.requests, r.toegewezen, r.afgewezen, r.open, NULL,
                                        r.above, r.stretched])[i];
                BEGIN
                    part := part || format('<td data-k="request_lead_time|%s|%s">%s</td>', col, r.year,
                        CASE WHEN i = 5 THEN
                                  CASE WHEN r.answered < m THEN jeugdnorm.html_escape(sup)
                                       ELSE jeugdnorm.nl_percent(r.within_target / r.answered) END
                             WHEN v > 0 AND v < m THEN jeugdnorm.html_escape(sup)
                             WHEN i BETWEEN 2 AND 4 AND small[i - 1] THEN hid
                             ELSE jeugdnorm.nl_number(v) END);
                END;
            END LOOP;
            part := part || '</tr>';
        END LOOP;
        part := part || '</tbody></table><p class="note">sommen over de gemeenten; aandeel binnen termijn over de '
                     || 'beantwoorde verzoeken met een datum; opgerekt = toewijzing per week boven het verzoek.</p></div>';
        part2 := '<div><h2>Wachtlijst op de peildatum</h2><table><thead><tr><th>gemeente</th><th>wachtend</th>'
                 || '<th>mediaan wachttijd (d)</th></tr></thead><tbody>';
        DECLARE
            g text[]; w bigint[]; md numeric[]; tot bigint;
        BEGIN
            SELECT array_agg(x.gemeente ORDER BY x.gemeente), array_agg(x.waiting ORDER BY x.gemeente),
                   array_agg(x.median_days_waiting ORDER BY x.gemeente), sum(x.waiting)
              INTO g, w, md, tot
              FROM unnest(v_wait) x;
            small := jeugdnorm.small_cells(coalesce(w, '{}'), m);
            FOR i IN 1 .. coalesce(array_length(g, 1), 0) LOOP
                part2 := part2 || format('<tr><td>%s</td><td data-k="waiting_list|waiting|%s">%s</td>'
                                         '<td data-k="waiting_list|median_days_waiting|%s">%s</td></tr>',
                    jeugdnorm.html_escape(g[i]), jeugdnorm.html_escape(g[i]),
                    CASE WHEN small[i] AND w[i] < m THEN jeugdnorm.html_escape(sup)
                         WHEN small[i] THEN hid ELSE jeugdnorm.nl_number(w[i]) END,
                    jeugdnorm.html_escape(g[i]),
                    CASE WHEN small[i] AND w[i] < m THEN jeugdnorm.html_escape(sup)
                         WHEN small[i] THEN hid ELSE jeugdnorm.nl_number(md[i], 1) END);
            END LOOP;
            IF tot IS NULL THEN
                part2 := part2 || '<tr><td colspan="3" class="na">niemand wacht</td></tr>';
            ELSE
                part2 := part2 || format('<tr class="tot"><td>totaal</td><td data-k="waiting_list|waiting|total">%s</td><td></td></tr>',
                    CASE WHEN tot < m THEN jeugdnorm.html_escape(sup) ELSE jeugdnorm.nl_number(tot) END);
            END IF;
        END;
        part2 := part2 || '</tbody></table></div>';
        h := h || '<section class="two">' || part || part2 || '</section>';
    END IF;

    -- ---- settings and footer ---------------------------------------------------------------
    h := h || '<footer><p>Instellingen: verlenging bij een tussenpoos tot <span data-k="settings|extension_days">'
           || jeugdnorm.nl_number(c.extension_days) || '</span> dagen, recidive tot <span data-k="settings|recidive_days">'
           || jeugdnorm.nl_number(c.recidive_days) || '</span> dagen, traject onderbroken na <span data-k="settings|path_gap_days">'
           || jeugdnorm.nl_number(c.path_gap_days) || '</span> dagen, '
           || CASE WHEN c.max_age IS NULL THEN 'geen leeftijdsgrens'
                   ELSE 'leeftijd tot <span data-k="settings|max_age">' || jeugdnorm.nl_number(c.max_age) || '</span> jaar' END
           || ', declaraties die per periode op nul uitkomen ' || CASE WHEN c.drop_net_zero THEN 'weggelaten' ELSE 'meegeteld' END
           || '. Aantallen onder <span data-k="settings|min_cell_paths">' || jeugdnorm.nl_number(m)
           || '</span> en cijfers over minder trajecten, toewijzingen of verzoeken staan als &lt;&nbsp;minimum (kleine aantallen '
           || 'kunnen een kind herkenbaar maken); • = weggelaten omdat een klein aantal anders uit een getoond totaal volgt.</p><p class="made">made with jeugdnorm '
           || jeugdnorm.html_escape(coalesce(c.version, '?')) || '</p></footer>';

    RETURN '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Normblad '
        || esc_p || CASE WHEN p_aanbieder IS NOT NULL THEN ' · ' || jeugdnorm.html_escape(prov_label) ELSE '' END
        || '</title><style>'
        || '@page{size:A4 portrait;margin:9mm}'
        || '*{box-sizing:border-box}'
        || 'html{-webkit-print-color-adjust:exact;print-color-adjust:exact}'
        || 'body{margin:0;font-family:sans-serif;font-size:7.6pt;color:#222;line-height:1.25}'
        || '.sheet{width:192mm;margin:0 auto}'
        || '@media screen{body{background:#eee}.sheet{background:#fff;padding:9mm;width:210mm;min-height:297mm}}'
        || 'h1{font-size:13pt;margin:0 0 .6mm}'
        || 'h2{font-size:8.6pt;margin:2.2mm 0 .8mm;padding-bottom:.3mm;border-bottom:.3mm solid #4a7bb7;color:#1f3f66}'
        || 'p{margin:.4mm 0}.sub,.when{color:#555}.prov{font-size:8.6pt}.norm{color:#a52a1f}'
        || 'section.two{display:flex;gap:5mm}section.two>div{flex:1 1 0;min-width:0}section.two>div.wide{flex:1.7 1 0}'
        || 'th.grp{text-align:center;border-bottom:.1mm solid #bbb}'
        || 'table{border-collapse:collapse;width:100%;font-size:7pt}'
        || 'th,td{padding:.25mm 1mm;text-align:right;white-space:nowrap;border-bottom:.1mm solid #ddd}'
        || 'th{font-weight:600;color:#444;white-space:normal;vertical-align:bottom}'
        || 'th:first-child,td:first-child{text-align:left}td.na{text-align:left;color:#888}'
        || 'tr.hl td{background:#fdf1e3;font-weight:600}tr.tot td{font-weight:600}'
        || '.note{font-size:6.3pt;color:#666}'
        || 'svg.chart{width:100%;height:auto;display:block}'
        || 'svg text{font-family:sans-serif;font-size:7px;fill:#222}'
        || '.lbl,.val{text-anchor:middle}.val.l,.val.r{text-anchor:start}.rowlbl{text-anchor:end}'
        || '.tick{text-anchor:end;font-size:6px;fill:#666}.leg{font-size:6.5px}.empty{text-anchor:middle;fill:#888}'
        || '.bar{fill:#4a7bb7}.bar.sup{fill:#e4e4e4;stroke:#888;stroke-width:.5;stroke-dasharray:2 1}'
        || '.norm{stroke:#c0392b;stroke-width:1.2;stroke-dasharray:3 2}.normtxt{fill:#c0392b;font-size:7px}'
        || 'rect.s1,circle.s1{fill:#4a7bb7}rect.s2,circle.s2{fill:#e08a2c}'
        || '.ln{fill:none;stroke-width:1.4}.ln.s1{stroke:#4a7bb7}.ln.s2{stroke:#e08a2c}'
        || '.axis{stroke:#888;stroke-width:.6}.gl{stroke:#e6e6e6;stroke-width:.5}'
        || 'footer{margin-top:2.5mm;padding-top:1mm;border-top:.2mm solid #bbb;font-size:6.5pt;color:#555}'
        || '.made{text-align:right}'
        || '</style></head><body><div class="sheet">' || h || '</div></body></html>';
END;
$fn$;
COMMENT ON FUNCTION jeugdnorm_internal.norm_sheet_render(text, text, jeugdnorm.product_histogram[], jeugdnorm.product_spread[],
                                                 jeugdnorm.norm_deviation[], jeugdnorm.follow_up_rates[],
                                                 jeugdnorm.realisation[], jeugdnorm.request_lead_time[],
                                                 jeugdnorm.waiting_list[]) IS
    'the norm sheet of a product (and provider) from rows of the seven contract views it reads (rows of other products are ignored); used by norm_sheet and norm_sheets, which read the views as the caller';

-- ---- norm_sheet ---------------------------------------------------------------------

CREATE OR REPLACE FUNCTION jeugdnorm.norm_sheet(product text, aanbieder text DEFAULT NULL)
    RETURNS text
    LANGUAGE sql STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
RETURN jeugdnorm_internal.norm_sheet_render($1, $2,
           ARRAY(SELECT x FROM jeugdnorm.product_histogram x WHERE x.product = $1),
           ARRAY(SELECT x FROM jeugdnorm.product_spread x WHERE x.product = $1),
           ARRAY(SELECT x FROM jeugdnorm.norm_deviation x WHERE x.product = $1),
           ARRAY(SELECT x FROM jeugdnorm.follow_up_rates x WHERE x.product = $1),
           ARRAY(SELECT x FROM jeugdnorm.realisation x WHERE x.product = $1),
           ARRAY(SELECT x FROM jeugdnorm.request_lead_time x WHERE x.product = $1),
           ARRAY(SELECT x FROM jeugdnorm.waiting_list x WHERE x.product = $1));
COMMENT ON FUNCTION jeugdnorm.norm_sheet(text, text) IS
    'normblad (norm sheet): one self-contained HTML page (inline CSS and SVG, no JavaScript, A4 portrait) for a product, optionally for one provider next to all providers: catalogue and norm, histograms of doorlooptijd and volume with the norm line, spread, share above the norm and median ratios, follow-up rates and realisation by year, requests and waiting list, settings; from the contract views as the caller may see them; counts below settings.min_cell_paths shown as ''< n''';

-- ---- norm_sheets ----------------------------------------------------------------------

-- Each view is read once (as the caller) for all products; each sheet
-- gets the rows of its product.
CREATE OR REPLACE FUNCTION jeugdnorm.norm_sheets(aanbieder text DEFAULT NULL)
    RETURNS TABLE (product text, html text)
    LANGUAGE sql STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    WITH hist AS MATERIALIZED (SELECT x FROM jeugdnorm.product_histogram x),
         spread AS MATERIALIZED (SELECT x FROM jeugdnorm.product_spread x),
         dev AS MATERIALIZED (SELECT x FROM jeugdnorm.norm_deviation x),
         fu AS MATERIALIZED (SELECT x FROM jeugdnorm.follow_up_rates x),
         rea AS MATERIALIZED (SELECT x FROM jeugdnorm.realisation x),
         req AS MATERIALIZED (SELECT x FROM jeugdnorm.request_lead_time x),
         wait AS MATERIALIZED (SELECT x FROM jeugdnorm.waiting_list x),
         products AS (
            SELECT (d.x).product
              FROM dev d
             WHERE (d.x).product IS NOT NULL
               AND (CASE WHEN $1 IS NULL THEN (d.x).aanbieder IS NULL ELSE (d.x).aanbieder = $1 END))
    SELECT p.product,
           jeugdnorm_internal.norm_sheet_render(p.product, $1,
               ARRAY(SELECT t.x FROM hist t WHERE (t.x).product = p.product),
               ARRAY(SELECT t.x FROM spread t WHERE (t.x).product = p.product),
               ARRAY(SELECT t.x FROM dev t WHERE (t.x).product = p.product),
               ARRAY(SELECT t.x FROM fu t WHERE (t.x).product = p.product),
               ARRAY(SELECT t.x FROM rea t WHERE (t.x).product = p.product),
               ARRAY(SELECT t.x FROM req t WHERE (t.x).product = p.product),
               ARRAY(SELECT t.x FROM wait t WHERE (t.x).product = p.product))
      FROM products p
     ORDER BY p.product;
END;
COMMENT ON FUNCTION jeugdnorm.norm_sheets(text) IS
    'every norm sheet: one row per product with completed in-window care paths (all providers), or with aanbieder the provider''s portfolio (the products where it has such paths), each sheet for that provider next to all providers';
