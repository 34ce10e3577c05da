-- ---------------------------------------------------------------------------
-- 62_money_capacity.sql (new in 0.3.0) -- money and capacity, DEFINITIONS.md
-- section 10 and its exact readings [M1]-[M6]: the contract views
--   yearly_kpi           [M1] per gemeente (NULL = region) and year
--   providers_per_month  [M2] per gemeente (NULL = region) and month
--   plek_capacity        [M3] per gemeente, aanbieder, plek product, month
--   cost_forecast        [M4] per segment and year
--   budget_uitnutting    [M5] per budgetplafond row
--   traject_realisation  [M6] per completed traject allocation
-- and the materialised work behind them in jeugdnorm_internal.
--
-- Layering (as 40_paths / 45_path_views): the heavy part -- every kept claim
-- line spread over the year windows and months, every kept allocation over
-- the months and the forecast windows -- is computed once per
-- jeugdnorm.refresh() into materialised views of jeugdnorm_internal, at the
-- finest grain that still carries a gemeente.  refresh() finds them in the
-- catalogue and refreshes them after the views they read
-- (mv_path_allocations, mv_care_paths); nothing in 80_refresh.sql changes.
-- Incremental refresh (issue 16; 97_incremental.sql, doc/incremental-
-- refresh.md): everything computed from the claim lines and allocations
-- is kept per client -- mv_money_claim_sums, mv_money_alloc_years,
-- mv_money_traject and the partial sums
-- mv_money_provider_clients, mv_money_plek_clients and
-- mv_money_forecast_clients carry client_id and become tables that
-- refresh() recomputes for the changed clients only (registered
-- per_client in jeugdnorm_internal.refresh_registry).  What has no client
-- -- the region's rollups mv_money_provider_months, mv_money_plek_months,
-- mv_money_forecast and mv_money_gemeenten -- is recomputed every refresh
-- from those partial sums (tens of thousands of rows at scale 5, not the
-- 1.3 million claim lines).  A catalogue or settings change makes the
-- refresh full anyway (product: plek, traject and segment; contract: NGA;
-- settings: every window).
-- The contract views read them, keep only the rows of the gemeenten the
-- caller may see, and only then aggregate: so a reader of one gemeente gets
-- that gemeente's rows, and every region row (gemeente NULL) and every
-- region-wide ceiling is computed over what that reader may see (distinct
-- counts distinct over those gemeenten, not sums).  A role that may see no
-- gemeente sees no rows at all, region rows included (as every view: a
-- role without access rows sees nothing).  The inputs of section
-- 10 (gemeente_jaar, capaciteit, budgetplafond, staffel, indexatie) and the
-- settings are read live by the views: they are small, and a ceiling typed
-- in shows at once.  The claim and allocation side takes effect at the next
-- refresh, like every other analysis.
--
-- Rules shared by all six (10.1): "kept" allocations and claim lines are the
-- cleaned layer's (jeugdnorm_internal.allocations / claim_lines and the
-- materialised mv_path_allocations, which holds exactly the kept
-- allocations: claim_lines joined to it are exactly jeugdnorm_internal.claims,
-- as mv_care_paths reads them); the year windows are jeugdnorm_internal.year_windows
-- (60_money.sql); the cost of a claim line in a period is bedrag x
-- overlap_share(); NGA is [R11]'s (no contract row for the claim's
-- gemeente, the allocation's aanbieder and the claim's own productcode valid
-- on the claim's begindatum; tested through contract_validity below).  The catalogue row of an allocation's (mapped)
-- product ([M3], [M4], [M6]) is the jeugdnorm.product row whose productcode
-- is the product, the allocation's own productcategorie first when a code
-- is in two categories.  Every figure is computed unrounded; thresholds and
-- classes are compared cross-multiplied; the cast to the BI type of section
-- 8 is the last step.
--
-- Every contract view here is created WITH (security_barrier = true): the
-- gemeente filter is evaluated before any function of the caller's query
-- sees a row, so a leaky function in a caller's WHERE cannot look at rows
-- of another gemeente.
-- ---------------------------------------------------------------------------

-- ---- months of the window ([M2], [M3]) ---------------------------------------------------
-- (unnested from an array for the planner's estimate, as year_windows in
-- 60_money.sql: 10 rows instead of 1,000)
CREATE VIEW jeugdnorm_internal.month_windows AS
SELECT m.m::date AS month,
       pg_catalog.date_part('year', m.m)::integer AS year,
       greatest(m.m::date, s.window_start) AS month_start,
       least((m.m + interval '1 month' - interval '1 day')::date, s.peildatum) AS month_end
  FROM jeugdnorm_internal.settings s
 CROSS JOIN LATERAL pg_catalog.unnest(ARRAY(
           SELECT pg_catalog.generate_series(
                      pg_catalog.date_trunc('month', s.window_start::timestamp),
                      s.peildatum::timestamp, interval '1 month'))) AS m(m)
 ORDER BY 1;
COMMENT ON VIEW jeugdnorm_internal.month_windows IS
    'maandvenster: one row per calendar month from the month of window_start to the month of peildatum, clipped to [window_start, peildatum] (DEFINITIONS [M2], [M3])';
COMMENT ON COLUMN jeugdnorm_internal.month_windows.month IS 'first day of the calendar month';
COMMENT ON COLUMN jeugdnorm_internal.month_windows.year IS 'calendar year of the month';
COMMENT ON COLUMN jeugdnorm_internal.month_windows.month_start IS 'first day of the clipped month: greatest(first of the month, window_start)';
COMMENT ON COLUMN jeugdnorm_internal.month_windows.month_end IS 'last day of the clipped month: least(last of the month, peildatum)';

-- ---- forecast dates ([M4], [M5]) ----------------------------------------------------------
-- The open year (year(peildatum) when the peildatum is before 31 December),
-- its days, and the two rest periods of [M4]: R' (last year's rest, for
-- forecast_previous_year) and W (the realisation window of the last year,
-- for forecast_allocations); R = [peildatum + 1, 31 December].
CREATE VIEW jeugdnorm_internal.forecast_dates AS
SELECT s.window_start,
       s.peildatum,
       CASE WHEN s.peildatum < pg_catalog.make_date(y.y, 12, 31) THEN y.y END AS open_year,
       y.y AS peil_year,
       ((s.peildatum + 1) - interval '1 year')::date AS rest_prev_start,
       pg_catalog.make_date(y.y - 1, 12, 31) AS rest_prev_end,
       greatest(s.window_start, ((s.peildatum + 1) - interval '1 year')::date) AS w_start,
       s.peildatum AS w_end,
       s.peildatum + 1 AS r_start,
       pg_catalog.make_date(y.y, 12, 31) AS r_end
  FROM jeugdnorm_internal.settings s
 CROSS JOIN LATERAL (SELECT pg_catalog.date_part('year', s.peildatum)::integer AS y) y;
COMMENT ON VIEW jeugdnorm_internal.forecast_dates IS
    'the dates of the forecasts of DEFINITIONS [M4]/[M5]: the open year, R'' (last year''s rest period), W (the realisation window) and R (the rest of the open year)';
COMMENT ON COLUMN jeugdnorm_internal.forecast_dates.window_start IS 'settings window_start';
COMMENT ON COLUMN jeugdnorm_internal.forecast_dates.peildatum IS 'settings peildatum (NULL read as current_date)';
COMMENT ON COLUMN jeugdnorm_internal.forecast_dates.open_year IS 'the open year: year(peildatum) when the peildatum is before 31 December, else NULL';
COMMENT ON COLUMN jeugdnorm_internal.forecast_dates.peil_year IS 'year(peildatum)';
COMMENT ON COLUMN jeugdnorm_internal.forecast_dates.rest_prev_start IS 'R'' start: ((peildatum + 1) - 1 year)';
COMMENT ON COLUMN jeugdnorm_internal.forecast_dates.rest_prev_end IS 'R'' end: 31 December of the previous year';
COMMENT ON COLUMN jeugdnorm_internal.forecast_dates.w_start IS 'W start: greatest(window_start, (peildatum + 1) - 1 year)';
COMMENT ON COLUMN jeugdnorm_internal.forecast_dates.w_end IS 'W end: the peildatum';
COMMENT ON COLUMN jeugdnorm_internal.forecast_dates.r_start IS 'R start: peildatum + 1';
COMMENT ON COLUMN jeugdnorm_internal.forecast_dates.r_end IS 'R end: 31 December of year(peildatum)';

-- ---- year windows with their forecast days ([M4], [M5]) -------------------------------------
CREATE VIEW jeugdnorm_internal.forecast_years AS
SELECT w.year,
       w.window_start,
       w.window_end,
       (w.window_end - w.window_start + 1) AS days_elapsed,
       CASE WHEN w.year = d.open_year
            THEN pg_catalog.make_date(w.year, 12, 31) - w.window_start + 1
            ELSE w.window_end - w.window_start + 1
       END AS days_in_year,
       (w.year = d.open_year) IS TRUE AS is_open
  FROM jeugdnorm_internal.year_windows w
 CROSS JOIN jeugdnorm_internal.forecast_dates d;
COMMENT ON VIEW jeugdnorm_internal.forecast_years IS
    'the year windows of [R10] with days_elapsed (days of the window) and days_in_year (31 December - window start + 1 for the open year, else the window''s days) of DEFINITIONS [M4]';
COMMENT ON COLUMN jeugdnorm_internal.forecast_years.year IS 'calendar year';
COMMENT ON COLUMN jeugdnorm_internal.forecast_years.window_start IS 'first day of the year window';
COMMENT ON COLUMN jeugdnorm_internal.forecast_years.window_end IS 'last day of the year window';
COMMENT ON COLUMN jeugdnorm_internal.forecast_years.days_elapsed IS 'days of the year window';
COMMENT ON COLUMN jeugdnorm_internal.forecast_years.days_in_year IS 'open year: 31 December - window start + 1; other years: days of the year window';
COMMENT ON COLUMN jeugdnorm_internal.forecast_years.is_open IS 'true for the open year (the peildatum''s, when before 31 December)';

-- ---- contract validity per (gemeente, aanbieder, productcode) ([R11]) ----------------------------
-- NGA ([R11]): no contract row for (the claim's gemeente, the allocation's
-- aanbieder, the claim's productcode) valid on the claim's begindatum
-- (geldig_van <= begindatum <= coalesce(geldig_tot, infinity); a NULL
-- geldig_van never matches).  Here the contract rows of one key become one
-- row with their validity periods as an array of dateranges, so the claim
-- lines find their key by a hash join (one row per key: no duplicates) and
-- test begindatum <@ ANY (valid) -- the same rows as cost_overview's NOT
-- EXISTS, without an index probe per claim line.
CREATE VIEW jeugdnorm_internal.contract_validity AS
SELECT k.gemeente,
       k.aanbieder,
       k.productcode,
       pg_catalog.array_agg(pg_catalog.daterange(k.geldig_van, coalesce(k.geldig_tot, 'infinity'::date), '[]')
                            ORDER BY k.geldig_van) AS valid
  FROM jeugdnorm.contract k
 WHERE k.geldig_van IS NOT NULL
 GROUP BY k.gemeente, k.aanbieder, k.productcode;
COMMENT ON VIEW jeugdnorm_internal.contract_validity IS
    'the validity periods of the contracts per (gemeente, aanbieder, productcode) as an array of closed dateranges (geldig_tot NULL: to infinity; rows without geldig_van left out), for the NGA test of [R11] by a hash join';
COMMENT ON COLUMN jeugdnorm_internal.contract_validity.gemeente IS 'gemeente of the contracts';
COMMENT ON COLUMN jeugdnorm_internal.contract_validity.aanbieder IS 'aanbieder of the contracts';
COMMENT ON COLUMN jeugdnorm_internal.contract_validity.productcode IS 'productcode of the contracts';
COMMENT ON COLUMN jeugdnorm_internal.contract_validity.valid IS 'the contracts'' validity periods [geldig_van, geldig_tot], in geldig_van order';

-- ---- money_claim_sums_agg: one group's claim lines summed per year window (C) -------------
-- The sums of mv_money_claim_sums for one (allocation, own product codes,
-- NGA) in one transition per line (src/pg/money_sums.c, core/money_sums.c):
-- the year windows are computed from window_start and peildatum (as
-- year_windows), each line goes to the windows it overlaps, and the result
-- is one element per window (year order) plus one with year NULL for the
-- lines that overlap none.  Each field is exactly what the SQL aggregates
-- it replaces computed over the lines joined to year_windows, the same
-- values and numeric scales (bedrag x overlap_share summed exactly in
-- 128-bit integers at the largest scale of the terms, falling back to
-- numeric arithmetic for a term that does not fit); the test
-- test/view_money_claim_sums_agg.sql keeps that SQL formulation and
-- compares.  Until then the lines were joined to year_windows and grouped
-- by year with ten aggregates, among them range_agg and four numeric sums
-- of bedrag x overlap_share() (bench/RESULTS.md, "mv_money_claim_sums in
-- one C aggregate").
CREATE TYPE jeugdnorm_internal.money_claim_sum AS (
    year           integer,
    cost           numeric,
    cost_prev_rest numeric,
    claim_lines    bigint,
    lines_once     bigint,
    bedrag_once    numeric,
    first_day      date,
    last_day       date,
    days           datemultirange,
    claimed_w      numeric
);
COMMENT ON TYPE jeugdnorm_internal.money_claim_sum IS
    'one year window''s sums of a group''s kept claim lines, as money_claim_sums_agg returns them (the columns of mv_money_claim_sums from year on; year NULL: the lines that overlap no window)';

CREATE FUNCTION jeugdnorm_internal.money_claim_sums_trans(internal, date, date, numeric,
                                                          date, date, date, date, date, date)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_money_claim_sums_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.money_claim_sums_final(internal)
RETURNS jeugdnorm_internal.money_claim_sum[] AS 'MODULE_PATHNAME', 'jn_money_claim_sums_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm_internal.money_claim_sums_trans(internal, date, date, numeric, date, date, date, date, date, date) IS
    'money_claim_sums_agg support: transition (adds one claim line to the sums of the year windows it overlaps)';
COMMENT ON FUNCTION jeugdnorm_internal.money_claim_sums_final(internal) IS
    'money_claim_sums_agg support: the money_claim_sum[] result, one element per year window (year order), the year NULL element last';

-- Parallel aggregation (both forms; the state is the same): combine adds
-- two partial states of a group exactly (counts, min/max days, the day
-- ranges concatenated and merged by the final function, the exact sums;
-- src/pg/money_sums.c says why the result equals the serial one), and the
-- state travels between processes as a versioned bytea.  With them the
-- planner can group mv_money_claim_sums' lines in the parallel workers
-- (Partial / Finalize HashAggregate); test/view_money_claim_sums_agg.sql
-- compares forced parallel plans with the serial one.
CREATE FUNCTION jeugdnorm_internal.money_claim_sums_combine(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_money_claim_sums_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.money_claim_sums_serialize(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'jn_money_claim_sums_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.money_claim_sums_deserialize(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_money_claim_sums_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm_internal.money_claim_sums_combine(internal, internal) IS
    'money_claim_sums_agg support: combine (adds two partial states of a group exactly)';
COMMENT ON FUNCTION jeugdnorm_internal.money_claim_sums_serialize(internal) IS
    'money_claim_sums_agg support: serialise a partial state (versioned bytea)';
COMMENT ON FUNCTION jeugdnorm_internal.money_claim_sums_deserialize(bytea, internal) IS
    'money_claim_sums_agg support: deserialise a partial state (validated; corrupt input is an error)';

-- SSPACE: most groups are one allocation's lines of one product in one or
-- two years: the state, two slots and a few ranges.  Without it the
-- planner assumes 8 kB per group for an internal state.
CREATE AGGREGATE jeugdnorm_internal.money_claim_sums_agg(begindatum date, einddatum date, bedrag numeric,
                                                         window_start date, peildatum date,
                                                         rest_prev_start date, rest_prev_end date,
                                                         w_start date, w_end date) (
    SFUNC = jeugdnorm_internal.money_claim_sums_trans,
    STYPE = internal,
    FINALFUNC = jeugdnorm_internal.money_claim_sums_final,
    FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = jeugdnorm_internal.money_claim_sums_combine,
    SERIALFUNC = jeugdnorm_internal.money_claim_sums_serialize,
    DESERIALFUNC = jeugdnorm_internal.money_claim_sums_deserialize,
    SSPACE = 512,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE jeugdnorm_internal.money_claim_sums_agg(date, date, numeric, date, date, date, date, date, date) IS
    'the claim lines of a group summed per year window of [window_start, peildatum] (DEFINITIONS [R10], [M4]): per window the cost (bedrag x overlap_share), the cost in R'' (rest_prev_start..rest_prev_end, on year(peildatum) - 1), the lines and the lines counted once (their first window), bedrag once, first and last day, the days inside [window_start, peildatum] as a datemultirange and the claimed amount in W (w_start..w_end, lines counted once); year NULL for the lines overlapping no window.  The six window dates must be the same on every row (error 22023); a NULL date: error 22004.  Returns money_claim_sum[]; NULL for no rows.';

-- The ten-argument form: a line's volume as well, summed over the group
-- and returned on the first element only (money_claim_sum_v.volume_once),
-- as mv_money_claim_sums' volume_once.  Until then the view summed
-- sum(canonical_volume) FILTER (WHERE unit = path_unit) next to the
-- aggregate; that numeric aggregate's state per group made the hash
-- aggregate slower by about a tenth (demo scale 5: 3.2 s of backend CPU
-- for the query against 2.85 s without it; bench/RESULTS.md, "Money
-- steps of the full refresh").  Same values and scales: the volumes are
-- summed exactly, as bedrag_once.
CREATE TYPE jeugdnorm_internal.money_claim_sum_v AS (
    year           integer,
    cost           numeric,
    cost_prev_rest numeric,
    claim_lines    bigint,
    lines_once     bigint,
    bedrag_once    numeric,
    first_day      date,
    last_day       date,
    days           datemultirange,
    claimed_w      numeric,
    volume_once    numeric
);
COMMENT ON TYPE jeugdnorm_internal.money_claim_sum_v IS
    'money_claim_sum with volume_once: what the ten-argument money_claim_sums_agg returns per year window (volume_once: the sum of the volumes, on the first element only)';

CREATE FUNCTION jeugdnorm_internal.money_claim_sums_trans(internal, date, date, numeric,
                                                          date, date, date, date, date, date, numeric)
RETURNS internal AS 'MODULE_PATHNAME', 'jn_money_claim_sums_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION jeugdnorm_internal.money_claim_sums_final_v(internal)
RETURNS jeugdnorm_internal.money_claim_sum_v[] AS 'MODULE_PATHNAME', 'jn_money_claim_sums_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION jeugdnorm_internal.money_claim_sums_trans(internal, date, date, numeric, date, date, date, date, date, date, numeric) IS
    'money_claim_sums_agg support (ten-argument form): transition (adds one claim line to the sums of the year windows it overlaps, and its volume)';
COMMENT ON FUNCTION jeugdnorm_internal.money_claim_sums_final_v(internal) IS
    'money_claim_sums_agg support (ten-argument form): the money_claim_sum_v[] result, one element per year window (year order), the year NULL element last, volume_once on the first';

CREATE AGGREGATE jeugdnorm_internal.money_claim_sums_agg(begindatum date, einddatum date, bedrag numeric,
                                                         window_start date, peildatum date,
                                                         rest_prev_start date, rest_prev_end date,
                                                         w_start date, w_end date, volume numeric) (
    SFUNC = jeugdnorm_internal.money_claim_sums_trans,
    STYPE = internal,
    FINALFUNC = jeugdnorm_internal.money_claim_sums_final_v,
    FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = jeugdnorm_internal.money_claim_sums_combine,
    SERIALFUNC = jeugdnorm_internal.money_claim_sums_serialize,
    DESERIALFUNC = jeugdnorm_internal.money_claim_sums_deserialize,
    SSPACE = 512,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE jeugdnorm_internal.money_claim_sums_agg(date, date, numeric, date, date, date, date, date, date, numeric) IS
    'money_claim_sums_agg with the lines'' volumes: the nine-argument form''s sums per year window, plus volume_once on the first element: the exact sum of the non-NULL volumes (NULL when none; NULL on the other elements).  Returns money_claim_sum_v[].';

-- ---- mv_money_claim_sums: the kept claim lines, read once and summed ----------------------
-- One row per (allocation, the claim's own productcategorie and productcode,
-- NGA, year window) with everything the other money views need of its kept
-- claim lines: the allocation's aanbieder and client_id, the cost in the
-- year window and in R' ([M4]), the days claimed inside [window_start,
-- peildatum] as one datemultirange, the claimed amount in W ([M4]), and
-- per allocation the lines, their bedrag and their first and last day
-- ([M6]).  A kept line that overlaps no window gives a row with year NULL,
-- so the gemeenten of kept claim lines ([M2]) are all here.
-- mv_money_provider_clients, mv_money_forecast_clients, mv_money_traject
-- and mv_money_gemeenten read these rows (190,760 at demo scale 5) instead
-- of the 1,309,902 kept claim lines, and so do yearly_kpi (cost,
-- clients_claimed), cost_forecast (rows and cost_to_date exactly as
-- cost_overview: the same lines, the same products, the same pro rata)
-- and budget_uitnutting (cost in the ceiling's scope); and mv_care_paths
-- takes its claim figures from first_day, last_day, lines_once and
-- volume_once (63_care_path_claims.sql; volume_once is the group's volume
-- in its care path's unit family, on the group's first row only, so a sum
-- over an allocation's rows counts every line once).  Until issue 15's
-- speed work a per-client table mv_money_claim_lines held every kept
-- line, and a full refresh wrote it into a temporary table, compared it
-- with the stored lines line by line and then read it four times more;
-- and mv_money_claim_years held these sums without the allocation
-- (toewijzingnummer), a step of its own that the contract views now do
-- in their own grouping (bench/RESULTS.md, "Money views: one read of the
-- claim lines").
-- A line spanning two year windows is on two rows.  Its cost, R' cost and
-- days belong to each window's row (a row's own window; days are a union,
-- so a range on two rows counts once in any union); what must count the
-- line once -- lines_once, bedrag_once, claimed_w (W lies inside
-- [window_start, peildatum]) -- is taken on the row of the first window
-- it overlaps (the window that holds greatest(begindatum, window_start):
-- its begindatum is inside it, or it is the first window) or on its year
-- NULL row.  Every figure is a sum of the same per-line terms as before
-- (bedrag x overlap_share(...)); numeric sums are exact, so summing these
-- partial sums again gives the same values and scales.
-- The kept lines are read as mv_care_paths reads them (40_paths.sql):
-- jeugdnorm_internal.claim_lines joined to mv_path_allocations, which holds
-- exactly the kept allocations -- the same lines as jeugdnorm_internal.claims,
-- without computing the kept allocations (mapping, contract order) again.
-- Both OFFSET 0 fences keep claim_lines a unit of its own: pulled up, the
-- planner sorted every line for the grouping first and then ran the
-- net-zero anti-join of claim_lines as a merge join on gemeente alone (demo
-- scale 1: 43 million rows filtered, 13 s); and with the join to
-- mv_path_allocations inside, it probed declaratie's index once per
-- allocation (scale 3: 1.8 s) where a hash join on the allocation key
-- takes 1.0 s.  NGA ([R11]) by a hash join with contract_validity.
-- The sums are money_claim_sums_agg's (above): one group per (allocation,
-- claim product, NGA), a hash aggregate over the lines, each line sent to
-- the year windows it overlaps inside the aggregate, and the result unnested
-- to one row per window.  Until then the lines were joined to year_windows,
-- sorted on eight keys and grouped with ten aggregates (range_agg and four
-- numeric sums among them): the same rows at 2.9 s of backend CPU instead
-- of 6.7 s at demo scale 5 (bench/RESULTS.md, "mv_money_claim_sums in one C
-- aggregate").  volume_once is the ten-argument form's (the line's
-- canonical volume when it is in its care path's unit family), on the
-- group's first element.  forecast_dates behind OFFSET 0: computed once,
-- not in the projection of every line.
-- A per-client table (97_incremental.sql): an incremental refresh
-- recomputes the rows of the changed clients only.
CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_money_claim_sums AS
SELECT g.client_id,
       g.gemeente,
       g.toewijzingnummer,
       g.aanbieder,
       g.claim_productcategorie,
       g.claim_productcode,
       g.nga,
       s.year,
       s.cost,
       s.cost_prev_rest,
       s.claim_lines,
       s.lines_once,
       s.bedrag_once,
       s.first_day,
       s.last_day,
       s.days,
       s.claimed_w,
       s.volume_once,
       NULL::boolean AS refresh_null
  FROM (SELECT c.client_id, c.gemeente, c.toewijzingnummer, c.aanbieder,
               c.claim_productcategorie, c.claim_productcode, c.nga,
               jeugdnorm_internal.money_claim_sums_agg(c.begindatum, c.einddatum, c.bedrag,
                                                       d.window_start, d.peildatum,
                                                       d.rest_prev_start, d.rest_prev_end,
                                                       d.w_start, d.w_end,
                                                       CASE WHEN c.unit = c.path_unit THEN c.canonical_volume END) AS sums
          FROM (SELECT c.gemeente, c.toewijzingnummer, c.aanbieder, c.client_id,
                       c.claim_productcategorie, c.claim_productcode,
                       NOT coalesce(c.begindatum OPERATOR(pg_catalog.<@) ANY (k.valid), false) AS nga,
                       c.begindatum, c.einddatum, c.bedrag, c.unit, c.canonical_volume, c.path_unit
                  FROM (SELECT l.gemeente, l.toewijzingnummer, a.aanbieder, a.client_id,
                               l.productcategorie AS claim_productcategorie, l.productcode AS claim_productcode,
                               l.begindatum, l.einddatum, l.bedrag, l.unit, l.canonical_volume, a.path_unit
                          FROM (SELECT cl.gemeente, cl.toewijzingnummer, cl.productcategorie, cl.productcode,
                                       cl.begindatum, cl.einddatum, cl.bedrag, cl.unit, cl.canonical_volume
                                  FROM jeugdnorm_internal.claim_lines cl
                                OFFSET 0) l
                          JOIN jeugdnorm_internal.mv_path_allocations a
                            ON a.gemeente = l.gemeente
                           AND a.toewijzingnummer = l.toewijzingnummer
                        OFFSET 0) c
                  LEFT JOIN jeugdnorm_internal.contract_validity k
                         ON k.gemeente = c.gemeente
                        AND k.aanbieder = c.aanbieder
                        AND k.productcode = c.claim_productcode) c
         CROSS JOIN (SELECT * FROM jeugdnorm_internal.forecast_dates OFFSET 0) d
         GROUP BY 1, 2, 3, 4, 5, 6, 7) g
 CROSS JOIN LATERAL pg_catalog.unnest(g.sums) AS s;

-- (gemeente, toewijzingnummer) is a kept allocation's key, so its client_id
-- and aanbieder come with it: the row's key is the allocation's with the
-- claim product, NGA and year (a full refresh that applies only the
-- difference matches the rows on it).
CREATE UNIQUE INDEX mv_money_claim_sums_key
    ON jeugdnorm_internal.mv_money_claim_sums
       (gemeente, toewijzingnummer, claim_productcategorie, claim_productcode, nga, year)
       NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_money_claim_sums IS
    'the kept claim lines summed per (allocation, own product codes, NGA, year window; year NULL: lines overlapping no window): cost, R'' cost, days claimed, claimed amount in W, lines, bedrag and first and last day; read by the money materialised views and by mv_care_paths (kept per client by jeugdnorm.refresh())';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.client_id IS 'client_id of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.gemeente IS 'gemeente of the claim lines (= their allocation''s)';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.toewijzingnummer IS 'toewijzingnummer of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.aanbieder IS 'aanbieder of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.claim_productcategorie IS 'productcategorie on the claim lines themselves';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.claim_productcode IS 'productcode on the claim lines themselves';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.nga IS 'true for lines without a contract valid on their begindatum ([R11])';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.year IS 'the year window the lines overlap; NULL for lines that overlap none';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.cost IS 'sum of bedrag x overlap_share over the year window (unrounded); NULL when year is NULL or every bedrag is NULL';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.cost_prev_rest IS 'on the rows of year(peildatum) - 1: sum of bedrag x overlap_share over R'' = [(peildatum + 1) - 1 year, 31 December of that year] (DEFINITIONS [M4]); NULL elsewhere and when no line overlaps R''';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.claim_lines IS 'number of lines overlapping the year window (year NULL: overlapping none)';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.lines_once IS 'number of those lines whose first overlapped year window this is (all of them when year is NULL): summed over an allocation''s rows, its kept lines';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.bedrag_once IS 'sum of bedrag of the lines of lines_once (unrounded; NULL when none or every bedrag is NULL)';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.first_day IS 'first begindatum of the lines';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.last_day IS 'last einddatum of the lines';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.days IS 'the union of the lines'' periods, each clipped to [window_start, peildatum]; NULL when year is NULL';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.claimed_w IS 'sum of bedrag x overlap_share over W = [greatest(window_start, (peildatum + 1) - 1 year), peildatum] ([M4]) of the lines of lines_once that overlap W; NULL when none';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.volume_once IS 'on the first row of an (allocation, claim product, NGA) group only: the sum of the canonical volumes of its lines in the unit family of their care path (mv_path_allocations.path_unit); summed over a path''s allocations, mv_care_paths.volume; NULL on the other rows and when none';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_claim_sums.refresh_null IS 'always NULL, as in every materialised view of the path layer';

-- ---- mv_money_alloc_years: kept allocations x year windows -----------------------------------
-- One row per (gemeente, year, client_id, aanbieder) with the number of
-- kept allocations overlapping the year window ([M1]; open: until the
-- peildatum, which is the window's last day at most).  Year NULL: the
-- gemeente's allocations that overlap no window (so every gemeente of a
-- kept allocation is here).
CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_money_alloc_years AS
SELECT a.gemeente,
       w.year,
       a.client_id,
       a.aanbieder,
       pg_catalog.count(*) AS allocations,
       NULL::boolean AS refresh_null
  FROM jeugdnorm_internal.mv_path_allocations a
  LEFT JOIN jeugdnorm_internal.year_windows w
         ON a.ingangsdatum <= w.window_end
        AND (a.einddatum IS NULL OR a.einddatum >= w.window_start)
 GROUP BY 1, 2, 3, 4;

CREATE UNIQUE INDEX mv_money_alloc_years_key
    ON jeugdnorm_internal.mv_money_alloc_years (gemeente, year, client_id, aanbieder) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_money_alloc_years IS
    'kept allocations per (gemeente, year window, client_id, aanbieder) that overlap the year window (year NULL: overlapping none); behind yearly_kpi; refreshed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_alloc_years.gemeente IS 'gemeente of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_alloc_years.year IS 'the year window; NULL for allocations overlapping none';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_alloc_years.client_id IS 'client_id of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_alloc_years.aanbieder IS 'aanbieder of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_alloc_years.allocations IS 'number of allocations';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_alloc_years.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- mv_money_provider_clients / mv_money_provider_months: providers with claims per month ([M2])
-- [M2] asks per (gemeente, month) for the distinct providers with a kept
-- claim line overlapping the clipped month.  Kept in two steps, so that
-- an incremental refresh recomputes only the changed clients' part:
--   mv_money_provider_clients  per client (a per-client table, see
--       97_incremental.sql): one row per (client_id, gemeente, allocation's
--       aanbieder, NGA) with the days its kept claim lines cover inside
--       [window_start, peildatum] as one datemultirange (each line clipped
--       to the window; range_agg merges overlapping and adjacent periods,
--       so a client's monthly lines become one range per stretch of care).
--       Scale 5: 73,315 rows for 1,309,902 kept lines; one row per client
--       and month would be 1,213,136.
--   mv_money_provider_months   the region's rollup (a materialised view,
--       recomputed every refresh from the rows above): per (gemeente,
--       aanbieder, NGA) the union of those days, and from each of its
--       ranges the months it touches: one row per (gemeente, aanbieder,
--       clipped month, NGA).  A line overlaps a clipped month exactly when
--       its clipped period does, so the union of the clipped periods
--       touches the same months as the lines (the rows of 0.3.0's first
--       definition, which generated the months of every line).
-- begindatum <= einddatum holds for every claim line (a CHECK of
-- jeugdnorm.declaratie), so every clipped period is a valid range.
-- From mv_money_claim_sums: a line overlaps [window_start, peildatum]
-- exactly when it overlaps a year window (they cover it), so the rows with
-- a year hold exactly those lines, their clipped periods in days (the
-- union of unions is the union) and each line once in lines_once.
CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_money_provider_clients AS
SELECT c.client_id,
       c.gemeente,
       c.aanbieder,
       c.nga,
       pg_catalog.range_agg(c.days) AS days,
       pg_catalog.sum(c.lines_once)::bigint AS claim_lines,
       NULL::boolean AS refresh_null
  FROM jeugdnorm_internal.mv_money_claim_sums c
 WHERE c.year IS NOT NULL
 GROUP BY 1, 2, 3, 4;

CREATE UNIQUE INDEX mv_money_provider_clients_key
    ON jeugdnorm_internal.mv_money_provider_clients (client_id, gemeente, aanbieder, nga) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_money_provider_clients IS
    'per (client_id, gemeente, aanbieder, NGA): the days inside [window_start, peildatum] covered by the client''s kept claim lines, as one multirange ([M2]); kept per client by jeugdnorm.refresh(); read by mv_money_provider_months';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_provider_clients.client_id IS 'client_id of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_provider_clients.gemeente IS 'gemeente of the claim lines';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_provider_clients.aanbieder IS 'aanbieder of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_provider_clients.nga IS 'true: lines without a valid contract ([R11]); false: contracted lines';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_provider_clients.days IS 'the union of the lines'' periods, each clipped to [window_start, peildatum]';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_provider_clients.claim_lines IS 'number of claim lines overlapping the window';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_provider_clients.refresh_null IS 'always NULL, as in every materialised view of the path layer';

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_money_provider_months AS
SELECT g.gemeente,
       g.aanbieder,
       greatest(m.m::date, s.window_start) AS month_start,
       g.nga,
       NULL::boolean AS refresh_null
  FROM (SELECT p.gemeente, p.aanbieder, p.nga, pg_catalog.range_agg(p.days) AS days
          FROM jeugdnorm_internal.mv_money_provider_clients p
         GROUP BY 1, 2, 3) g
 CROSS JOIN jeugdnorm_internal.settings s
 CROSS JOIN LATERAL pg_catalog.unnest(g.days) AS r(r)
 CROSS JOIN LATERAL pg_catalog.generate_series(
           pg_catalog.date_trunc('month', pg_catalog.lower(r.r)::timestamp),
           (pg_catalog.upper(r.r) - 1)::timestamp, interval '1 month') AS m(m)
 GROUP BY 1, 2, 3, 4;

CREATE UNIQUE INDEX mv_money_provider_months_key
    ON jeugdnorm_internal.mv_money_provider_months (gemeente, aanbieder, month_start, nga) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_money_provider_months IS
    'providers with a kept claim line overlapping a clipped month, per gemeente and NGA ([M2]); the rollup of mv_money_provider_clients, recomputed every jeugdnorm.refresh(); behind providers_per_month';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_provider_months.gemeente IS 'gemeente of the claim line';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_provider_months.aanbieder IS 'aanbieder of the allocation claimed against';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_provider_months.month_start IS 'first day of the clipped month';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_provider_months.nga IS 'true: lines without a valid contract ([R11]); false: contracted lines';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_provider_months.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- mv_money_plek_clients / mv_money_plek_months: clients per plek group and month ([M3]) ----
-- Groups: (gemeente, aanbieder, product) of the kept allocations of a plek
-- product (catalogue row of the mapped product with financieringsvorm
-- 'plek'; an aspecifiek allocation's product is its category, never a
-- catalogue code) overlapping [window_start, peildatum]; one row per group
-- and clipped month, zeros kept, with the distinct clients of the group's
-- allocations overlapping the month (open: until the peildatum), and the
-- sum of clients and number of months of the group in that calendar year
-- (for the 'gemiddelde' capacity).  Two steps, as the provider months:
--   mv_money_plek_clients  per client (a per-client table): one row per
--       (client_id, group, clipped month) in which one of the client's plek
--       allocations of the group is open;
--   mv_money_plek_months   the rollup (recomputed every refresh): the
--       groups are those with a row above (an allocation overlapping the
--       window is open in at least one of its months), the clients of a
--       month its rows with a client_id (count(client_id) = count(DISTINCT
--       client_id): one row per client), the grid and the year sums as
--       before.
-- gemeente (a key column) and product (equal to a catalogue productcode)
-- are never NULL here, so the grid meets the counts by = on them and the
-- month, and aanbieder, which may be NULL, is matched null-safely.  With
-- all four null-safe the planner could join on the month alone (scale 3:
-- 9.5 million pairs filtered, 1.6 s).  aanbieder is matched as
-- coalesce(aanbieder, '') = ... AND (aanbieder IS NULL) = ..., which is
-- IS NOT DISTINCT FROM (both NULL, or both not NULL and equal) written as
-- two equalities, so it is a join key too: with IS NOT DISTINCT FROM as a
-- join filter the planner merged on (gemeente, product, month) and
-- filtered every aanbieder of a group against every other (demo scale 5:
-- 1.16 million pairs filtered; 0.31 s of backend CPU for the query against
-- 0.23 s now; bench/RESULTS.md, "Money steps of the full refresh").
-- The months of an allocation in mv_money_plek_clients are the rows of
-- month_windows between the month of greatest(ingangsdatum, window_start)
-- and least(einddatum, peildatum): a join with the window's months (about
-- 60 rows, estimated 10) rather than a generate_series() per allocation,
-- which the planner estimates at 1,000 rows whatever its bounds: the hash
-- aggregate above it was sized for 1,000 months per plek allocation (demo
-- scale 5: 205 MB allocated for 55,427 groups that need 11 MB; 0.25 s of
-- backend CPU for the query against 0.13 s now).  The months are the same:
-- generate_series ran from a month at or after the month of window_start
-- to a day at or before the peildatum, inside month_windows' range.
CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_money_plek_clients AS
SELECT a.client_id,
       a.gemeente,
       a.aanbieder,
       a.product,
       mw.month_start,
       pg_catalog.count(*) AS allocations,
       NULL::boolean AS refresh_null
  FROM jeugdnorm_internal.mv_path_allocations a
 CROSS JOIN jeugdnorm_internal.settings s
 CROSS JOIN LATERAL (SELECT p.financieringsvorm
                       FROM jeugdnorm.product p
                      WHERE p.productcode = a.product
                      ORDER BY p.productcategorie IS DISTINCT FROM a.productcategorie,
                               p.productcategorie
                      LIMIT 1) pc
  JOIN jeugdnorm_internal.month_windows mw
    ON mw.month >= pg_catalog.date_trunc('month', greatest(a.ingangsdatum, s.window_start)::timestamp)::date
   AND mw.month <= least(coalesce(a.einddatum, s.peildatum), s.peildatum)
 WHERE pc.financieringsvorm = 'plek'
   AND a.ingangsdatum <= s.peildatum
   AND (a.einddatum IS NULL OR a.einddatum >= s.window_start)
 GROUP BY 1, 2, 3, 4, 5;

CREATE UNIQUE INDEX mv_money_plek_clients_key
    ON jeugdnorm_internal.mv_money_plek_clients (client_id, gemeente, aanbieder, product, month_start) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_money_plek_clients IS
    'per (client_id, gemeente, aanbieder, plek product, clipped month): the client''s kept plek allocations of the group open in the month ([M3]); kept per client by jeugdnorm.refresh(); read by mv_money_plek_months';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_clients.client_id IS 'client_id of the allocations';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_clients.gemeente IS 'gemeente of the allocations';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_clients.aanbieder IS 'aanbieder of the allocations';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_clients.product IS 'the plek product (analysis product)';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_clients.month_start IS 'first day of the clipped month';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_clients.allocations IS 'number of the client''s allocations of the group open in the month';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_clients.refresh_null IS 'always NULL, as in every materialised view of the path layer';

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_money_plek_months AS
WITH grp AS (
    SELECT DISTINCT p.gemeente, p.aanbieder, p.product
      FROM jeugdnorm_internal.mv_money_plek_clients p
),
cnt AS (
    SELECT p.gemeente, p.aanbieder, p.product, p.month_start,
           pg_catalog.count(p.client_id) AS clients
      FROM jeugdnorm_internal.mv_money_plek_clients p
     GROUP BY 1, 2, 3, 4
),
grid AS (
    SELECT g.gemeente, g.aanbieder, g.product, mw.year, mw.month_start, mw.month_end,
           coalesce(c.clients, 0) AS clients
      FROM grp g
     CROSS JOIN jeugdnorm_internal.month_windows mw
      LEFT JOIN cnt c
        ON c.gemeente = g.gemeente
       AND c.product = g.product
       AND c.month_start = mw.month_start
       AND coalesce(c.aanbieder, '') = coalesce(g.aanbieder, '')
       AND (c.aanbieder IS NULL) = (g.aanbieder IS NULL)
)
SELECT g.gemeente, g.aanbieder, g.product, g.year, g.month_start, g.month_end, g.clients,
       pg_catalog.sum(g.clients) OVER y AS year_clients,
       pg_catalog.count(*) OVER y AS year_months,
       NULL::boolean AS refresh_null
  FROM grid g
WINDOW y AS (PARTITION BY g.gemeente, g.aanbieder, g.product, g.year);

CREATE UNIQUE INDEX mv_money_plek_months_key
    ON jeugdnorm_internal.mv_money_plek_months (gemeente, aanbieder, product, month_start) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_money_plek_months IS
    'clients per plek group (gemeente, aanbieder, plek product) and clipped month, zeros kept, with the year''s sum and months for the average capacity ([M3]); the rollup of mv_money_plek_clients, recomputed every jeugdnorm.refresh(); behind plek_capacity';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_months.gemeente IS 'gemeente of the allocations';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_months.aanbieder IS 'aanbieder of the allocations';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_months.product IS 'the plek product (analysis product)';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_months.year IS 'calendar year of the month';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_months.month_start IS 'first day of the clipped month';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_months.month_end IS 'last day of the clipped month';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_months.clients IS 'distinct clients of the group''s allocations overlapping the month';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_months.year_clients IS 'sum of clients over the group''s months of the same calendar year';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_months.year_months IS 'number of the group''s months in the same calendar year';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_plek_months.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- mv_money_forecast_clients / mv_money_forecast: allocations for forecast_allocations ([M4])
-- Per (gemeente, product, segment) of the kept allocations:
--   alloc_w    allocated amount in W as [R10] (canonical volume x tarief, or
--              the budget spread by days) over the allocations overlapping W
--              (NULL when none can be allocated);
--   claimed_w  the claims of those allocations' product in W, pro rata, all
--              lines (every kept allocation of the product, as realisation);
--   alloc_r    allocated amount in R = [peildatum + 1, 31 December], NULL
--              counted as 0, every allocation (also those starting after
--              the peildatum); 0 when there is no open year.
-- segment: of the catalogue row of the allocation's (mapped) product; NULL
-- when it has none.  The claims are those of mv_money_claim_sums (the kept
-- lines, claimed_w summed per allocation there): a line of an allocation
-- that is not kept finds no allocation in the join below either.  Two
-- steps, so that an incremental refresh recomputes only the changed
-- clients' part:
--   mv_money_forecast_clients  per client (a per-client table): the sums
--       per (client_id, gemeente, product, segment), in one aggregation:
--       the catalogue row of each allocation is found by two hash joins
--       with the catalogue (until issue 15's speed work the sums were
--       taken per productcategorie first and the row looked up by a
--       LATERAL subquery per group, a second aggregation: at demo scale 5
--       about 2 s of the 5.8 s of this step under load);
--   mv_money_forecast          the rollup (recomputed every refresh): the
--       sums of those per (gemeente, product, segment).
-- numeric sums are exact, so summing group sums changes nothing (a sum
-- over NULLs only stays NULL, so alloc_w and claimed_w stay NULL exactly
-- when every allocation's is; claimed_w becomes 0 in the rollup, as before).
CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_money_forecast_clients AS
WITH alloc AS (
    SELECT a.client_id, a.gemeente, a.toewijzingnummer, a.product, a.productcategorie,
           CASE WHEN a.ingangsdatum <= d.w_end
                 AND (a.einddatum IS NULL OR a.einddatum >= d.w_start)
                THEN CASE WHEN a.budget IS NOT NULL
                          THEN jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.budget, '6',
                                                          d.w_start, d.w_end)
                          ELSE jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.volume,
                                                          a.frequentie, d.w_start, d.w_end)
                               * a.unit_factor * a.tarief
                     END
           END AS alloc_w,
           (a.ingangsdatum <= d.w_end AND (a.einddatum IS NULL OR a.einddatum >= d.w_start)) AS in_w,
           CASE WHEN d.open_year IS NOT NULL
                THEN coalesce(CASE WHEN a.budget IS NOT NULL
                                   THEN jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.budget, '6',
                                                                   d.r_start, d.r_end)
                                   ELSE jeugdnorm.allocated_volume(a.ingangsdatum, a.einddatum, a.volume,
                                                                   a.frequentie, d.r_start, d.r_end)
                                        * a.unit_factor * a.tarief
                              END, 0)
                ELSE 0
           END AS alloc_r
      FROM jeugdnorm_internal.allocations a
     CROSS JOIN jeugdnorm_internal.forecast_dates d
),
claimed AS (
    SELECT c.gemeente, c.toewijzingnummer,
           pg_catalog.sum(c.claimed_w) AS claimed_w
      FROM jeugdnorm_internal.mv_money_claim_sums c
     WHERE c.claimed_w IS NOT NULL
     GROUP BY 1, 2
),
-- the catalogue row of an allocation's product: the one of its own
-- productcategorie (po), else the first by productcategorie (pf) -- as
-- the other money views' LATERAL ... ORDER BY productcategorie IS
-- DISTINCT FROM ..., productcategorie LIMIT 1, as two hash joins on a
-- catalogue of a few hundred rows
first_category AS (
    SELECT DISTINCT ON (p.productcode) p.productcode, p.segment
      FROM jeugdnorm.product p
     ORDER BY p.productcode, p.productcategorie
)
SELECT a.client_id, a.gemeente, a.product,
       CASE WHEN po.productcode IS NOT NULL THEN po.segment ELSE pf.segment END AS segment,
       pg_catalog.sum(a.alloc_w) FILTER (WHERE a.in_w) AS alloc_w,
       pg_catalog.sum(cl.claimed_w) AS claimed_w,
       pg_catalog.sum(a.alloc_r) AS alloc_r,
       pg_catalog.count(*) AS allocations,
       NULL::boolean AS refresh_null
  FROM alloc a
  LEFT JOIN claimed cl
    ON cl.gemeente = a.gemeente
   AND cl.toewijzingnummer = a.toewijzingnummer
  LEFT JOIN jeugdnorm.product po
    ON po.productcode = a.product
   AND po.productcategorie = a.productcategorie
  LEFT JOIN first_category pf
    ON pf.productcode = a.product
 GROUP BY 1, 2, 3, 4;

CREATE UNIQUE INDEX mv_money_forecast_clients_key
    ON jeugdnorm_internal.mv_money_forecast_clients (client_id, gemeente, product, segment) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_money_forecast_clients IS
    'kept allocations per (client_id, gemeente, product, segment) with the allocated and claimed amounts in W and the allocated amount in R of DEFINITIONS [M4]; kept per client by jeugdnorm.refresh(); read by mv_money_forecast';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_forecast_clients.client_id IS 'client_id of the allocations';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_forecast_clients.gemeente IS 'gemeente of the allocations';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_forecast_clients.product IS 'the allocations'' (mapped) product';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_forecast_clients.segment IS 'segment of the product''s catalogue row; NULL when it has none';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_forecast_clients.alloc_w IS 'allocated amount in W of the allocations overlapping W ([R10]); NULL when none can be allocated';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_forecast_clients.claimed_w IS 'claimed amount in W of the allocations'' kept claim lines, pro rata; NULL when none';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_forecast_clients.alloc_r IS 'allocated amount in R = [peildatum + 1, 31 December] (NULL counted as 0); 0 without an open year';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_forecast_clients.allocations IS 'number of allocations';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_forecast_clients.refresh_null IS 'always NULL, as in every materialised view of the path layer';

CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_money_forecast AS
SELECT f.gemeente, f.product, f.segment,
       pg_catalog.sum(f.alloc_w) AS alloc_w,
       coalesce(pg_catalog.sum(f.claimed_w), 0) AS claimed_w,
       pg_catalog.sum(f.alloc_r) AS alloc_r,
       pg_catalog.sum(f.allocations)::bigint AS allocations,
       NULL::boolean AS refresh_null
  FROM jeugdnorm_internal.mv_money_forecast_clients f
 GROUP BY 1, 2, 3;

CREATE UNIQUE INDEX mv_money_forecast_key
    ON jeugdnorm_internal.mv_money_forecast (gemeente, product, segment) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_money_forecast IS
    'kept allocations per (gemeente, product, segment) with the allocated and claimed amounts in W and the allocated amount in R of DEFINITIONS [M4]; the rollup of mv_money_forecast_clients, recomputed every jeugdnorm.refresh(); behind cost_forecast.forecast_allocations';
-- the columns it sums keep their meaning: their comments are
-- mv_money_forecast_clients' (claimed_w and refresh_null differ, above and below)
DO $copy_comments$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT a.attname, pg_catalog.col_description(s.attrelid, s.attnum) AS descr
               FROM pg_catalog.pg_attribute a
               JOIN pg_catalog.pg_attribute s ON s.attrelid = 'jeugdnorm_internal.mv_money_forecast_clients'::pg_catalog.regclass
                                             AND s.attname = a.attname
              WHERE a.attrelid = 'jeugdnorm_internal.mv_money_forecast'::pg_catalog.regclass
                AND a.attnum > 0 AND NOT a.attisdropped
                AND a.attname NOT IN ('claimed_w', 'refresh_null')
              ORDER BY a.attnum LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN jeugdnorm_internal.mv_money_forecast.%I IS %L', c.attname, c.descr);
    END LOOP;
END;
$copy_comments$;
COMMENT ON COLUMN jeugdnorm_internal.mv_money_forecast.claimed_w IS 'claimed amount in W of the allocations'' kept claim lines, pro rata';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_forecast.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- mv_money_traject: completed traject allocations ([M6]) --------------------------------------
-- The claim lines of an allocation are summed on its rows of
-- mv_money_claim_sums (each kept line once in lines_once and bedrag_once;
-- the allocations here are kept ones).  Summed per allocation first (a
-- hash aggregate over the table) and then joined: the sums are the same
-- as grouping the joined rows by the allocation's columns, which took an
-- index probe of mv_money_claim_sums per traject allocation and a hash
-- aggregate on nine keys (demo scale 5: 0.42 s of backend CPU for the
-- query against 0.37 s; bench/RESULTS.md, "Money steps of the full
-- refresh").  An allocation without claim sums gets claim_lines 0 and
-- NULL elsewhere, as before.
CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_money_traject AS
WITH t AS (
    SELECT a.gemeente, a.toewijzingnummer, a.client_id, a.aanbieder, a.product,
           a.ingangsdatum, a.einddatum, pc.tarief, pc.standaard_doorlooptijd_maanden
      FROM jeugdnorm_internal.mv_path_allocations a
     CROSS JOIN jeugdnorm_internal.settings s
     CROSS JOIN LATERAL (SELECT p.financieringsvorm, p.tarief, p.standaard_doorlooptijd_maanden
                           FROM jeugdnorm.product p
                          WHERE p.productcode = a.product
                          ORDER BY p.productcategorie IS DISTINCT FROM a.productcategorie,
                                   p.productcategorie
                          LIMIT 1) pc
     WHERE pc.financieringsvorm = 'traject'
       AND a.einddatum IS NOT NULL
       AND a.einddatum >= s.window_start
       AND a.einddatum + s.path_gap_days <= s.peildatum
)
SELECT t.gemeente, t.toewijzingnummer, t.client_id, t.aanbieder, t.product,
       t.ingangsdatum, t.einddatum,
       coalesce(c.claim_lines, 0)::bigint AS claim_lines,
       c.first_claim_day,
       c.last_claim_day,
       c.claimed_amount,
       t.tarief,
       t.standaard_doorlooptijd_maanden,
       NULL::boolean AS refresh_null
  FROM t
  LEFT JOIN (SELECT c.gemeente, c.toewijzingnummer,
                    pg_catalog.sum(c.lines_once) AS claim_lines,
                    pg_catalog.min(c.first_day) AS first_claim_day,
                    pg_catalog.max(c.last_day) AS last_claim_day,
                    pg_catalog.sum(c.bedrag_once) AS claimed_amount
               FROM jeugdnorm_internal.mv_money_claim_sums c
              GROUP BY 1, 2) c
    ON c.gemeente = t.gemeente
   AND c.toewijzingnummer = t.toewijzingnummer;

CREATE UNIQUE INDEX mv_money_traject_key
    ON jeugdnorm_internal.mv_money_traject (gemeente, toewijzingnummer) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_money_traject IS
    'completed traject allocations ended inside the window with their kept claim lines summarised ([M6]); behind traject_realisation; refreshed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.gemeente IS 'gemeente of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.toewijzingnummer IS 'toewijzingnummer of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.client_id IS 'client_id of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.aanbieder IS 'aanbieder of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.product IS 'the allocation''s (mapped) product';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.ingangsdatum IS 'ingangsdatum of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.einddatum IS 'einddatum of the allocation';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.claim_lines IS 'kept claim lines of the allocation, every period';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.first_claim_day IS 'first begindatum of those lines';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.last_claim_day IS 'last einddatum of those lines';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.claimed_amount IS 'sum of bedrag of those lines; NULL without lines';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.tarief IS 'tarief of the product''s catalogue row (per trajectory)';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.standaard_doorlooptijd_maanden IS 'standard duration of the trajectory in months, from the catalogue';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_traject.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ---- mv_money_gemeenten: the gemeenten of kept allocations and claim lines ---------------------
CREATE MATERIALIZED VIEW jeugdnorm_internal.mv_money_gemeenten AS
SELECT x.gemeente,
       pg_catalog.bool_or(x.has_claims) AS has_claims,
       NULL::boolean AS refresh_null
  FROM (SELECT DISTINCT a.gemeente, false AS has_claims FROM jeugdnorm_internal.mv_money_alloc_years a
        UNION ALL
        SELECT DISTINCT c.gemeente, true FROM jeugdnorm_internal.mv_money_claim_sums c) x
 GROUP BY x.gemeente;

CREATE UNIQUE INDEX mv_money_gemeenten_key
    ON jeugdnorm_internal.mv_money_gemeenten (gemeente) NULLS NOT DISTINCT;

COMMENT ON MATERIALIZED VIEW jeugdnorm_internal.mv_money_gemeenten IS
    'the gemeenten of kept allocations or kept claim lines (the row keys of yearly_kpi, [M1]); has_claims: of kept claim lines (providers_per_month, [M2]); refreshed by jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_gemeenten.gemeente IS 'gemeente';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_gemeenten.has_claims IS 'true when the gemeente has a kept claim line';
COMMENT ON COLUMN jeugdnorm_internal.mv_money_gemeenten.refresh_null IS 'always NULL: keeps REFRESH ... CONCURRENTLY from sorting every row for its duplicate check (the unique key index already guards)';

-- ===========================================================================
-- Contract views
-- ===========================================================================

-- ---- yearly_kpi [M1] ---------------------------------------------------------------------
-- Region rows (gemeente NULL) by GROUPING SETS over the visible rows, so
-- distinct counts are distinct over the region; gemeente is never NULL in
-- the data, so the NULL of the region set is unambiguous.
CREATE VIEW jeugdnorm.yearly_kpi WITH (security_barrier = true) AS
WITH gem AS (
    SELECT g.gemeente
      FROM jeugdnorm_internal.mv_money_gemeenten g
     WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR g.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
),
keys AS (
    SELECT g.gemeente, w.year
      FROM gem g CROSS JOIN jeugdnorm_internal.year_windows w
    UNION ALL
    SELECT NULL::text, w.year
      FROM jeugdnorm_internal.year_windows w
     WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR pg_catalog.cardinality((SELECT jeugdnorm_internal.visible_gemeenten())::text[]) > 0)
),
alloc AS (
    SELECT a.gemeente, a.year,
           pg_catalog.count(DISTINCT a.client_id) AS clients,
           pg_catalog.sum(a.allocations) AS allocations,
           pg_catalog.count(DISTINCT a.aanbieder) AS aanbieders
      FROM jeugdnorm_internal.mv_money_alloc_years a
     WHERE a.year IS NOT NULL
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR a.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
     GROUP BY GROUPING SETS ((a.gemeente, a.year), (a.year))
),
claim AS (
    SELECT c.gemeente, c.year,
           pg_catalog.count(DISTINCT c.client_id) AS clients_claimed,
           coalesce(pg_catalog.sum(c.cost), 0) AS cost
      FROM jeugdnorm_internal.mv_money_claim_sums c
     WHERE c.year IS NOT NULL
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR c.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
     GROUP BY GROUPING SETS ((c.gemeente, c.year), (c.year))
),
paths AS (
    SELECT p.gemeente, w.year,
           pg_catalog.avg(p.months_levering) AS mean_months_levering
      FROM jeugdnorm_internal.mv_care_paths p
      JOIN jeugdnorm_internal.year_windows w
        ON p.einde >= w.window_start
       AND p.einde <= w.window_end
     WHERE p.completed
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR p.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
     GROUP BY GROUPING SETS ((p.gemeente, w.year), (w.year))
),
pop AS (
    SELECT j.gemeente, j.jaar AS year,
           pg_catalog.sum(j.jeugdigen) AS jeugdigen,
           pg_catalog.sum(j.inkomsten) AS inkomsten
      FROM jeugdnorm.gemeente_jaar j
     WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR j.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
     GROUP BY GROUPING SETS ((j.gemeente, j.jaar), (j.jaar))
),
r AS (
    SELECT k.gemeente, k.year,
           coalesce(al.clients, 0) AS clients,
           coalesce(al.allocations, 0) AS allocations,
           coalesce(al.aanbieders, 0) AS aanbieders,
           coalesce(cl.clients_claimed, 0) AS clients_claimed,
           coalesce(cl.cost, 0) AS cost,
           pa.mean_months_levering,
           po.jeugdigen,
           po.inkomsten
      FROM keys k
      LEFT JOIN alloc al ON al.gemeente IS NOT DISTINCT FROM k.gemeente AND al.year = k.year
      LEFT JOIN claim cl ON cl.gemeente IS NOT DISTINCT FROM k.gemeente AND cl.year = k.year
      LEFT JOIN paths pa ON pa.gemeente IS NOT DISTINCT FROM k.gemeente AND pa.year = k.year
      LEFT JOIN pop po ON po.gemeente IS NOT DISTINCT FROM k.gemeente AND po.year = k.year
),
q AS (
    SELECT r.*,
           r.cost / NULLIF(r.jeugdigen, 0) AS cost_per_jeugdige
      FROM r
)
SELECT q.gemeente,
       q.year,
       q.clients,
       q.allocations::bigint AS allocations,
       q.aanbieders,
       q.clients_claimed,
       q.cost::numeric(14,2) AS cost,
       (q.cost / NULLIF(q.clients_claimed, 0))::numeric(14,2) AS cost_per_client,
       q.mean_months_levering::numeric(18,6) AS mean_months_levering,
       q.jeugdigen::bigint AS jeugdigen,
       q.inkomsten::numeric(14,2) AS inkomsten,
       (q.clients * 1000::numeric / NULLIF(q.jeugdigen, 0))::numeric(18,6) AS clients_per_1000_jeugdigen,
       q.cost_per_jeugdige::numeric(14,2) AS cost_per_jeugdige,
       (q.cost_per_jeugdige / NULLIF(reg.cost_per_jeugdige, 0))::numeric(18,6) AS index_cost_per_jeugdige,
       (q.cost / NULLIF(q.inkomsten, 0))::numeric(18,6) AS cost_share_of_inkomsten
  FROM q
  LEFT JOIN q reg
    ON reg.gemeente IS NULL
   AND reg.year = q.year
 ORDER BY q.year, q.gemeente NULLS FIRST;

COMMENT ON VIEW jeugdnorm.yearly_kpi IS
    'kerncijfers per jaar (yearly KPIs, DEFINITIONS [M1]): one row per (gemeente, year) for every gemeente with a kept allocation or claim line and every window year, zeros kept, plus a region row (gemeente NULL) per year over every gemeente the caller may see: clients, allocations, providers, cost, cost per client, mean duration, and per youth and against income (jeugdnorm.gemeente_jaar); up to date as of the last jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.gemeente IS 'gemeente: CBS municipality code; NULL = the region (every gemeente the caller may see)';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.year IS 'jaar: calendar year; its window is the year intersected with [window_start, peildatum]';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.clients IS 'cliënten: distinct clients of the kept allocations (by the allocation''s gemeente) overlapping the year window (open: until the peildatum)';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.allocations IS 'toewijzingen: kept allocations overlapping the year window';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.aanbieders IS 'aanbieders: distinct providers of those allocations';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.clients_claimed IS 'cliënten met declaratie: distinct clients of the kept claim lines (by the claim''s gemeente) whose period overlaps the year window';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.cost IS 'kosten: sum of bedrag x the share of the claim period inside the year window over those lines, in euros; 0 when none';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.cost_per_client IS 'kosten per cliënt: cost / clients_claimed, euros; NULL when no client was claimed for';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.mean_months_levering IS 'gemiddelde doorlooptijd: mean months_levering of the completed care paths (care_paths, by the path''s gemeente) whose einde lies in the year window; NULL when none';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.jeugdigen IS 'jeugdigen: inhabitants aged 0-17 (gemeente_jaar); region row: the sum over the gemeente_jaar rows of the year the caller may see that have a value; NULL when none';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.inkomsten IS 'inkomsten: youth-care income of the year in euros (gemeente_jaar); region row: the sum as for jeugdigen';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.clients_per_1000_jeugdigen IS 'cliënten per 1.000 jeugdigen: clients x 1000 / jeugdigen; NULL when jeugdigen is NULL or 0';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.cost_per_jeugdige IS 'kosten per jeugdige: cost / jeugdigen, euros; NULL when jeugdigen is NULL or 0';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.index_cost_per_jeugdige IS 'index kosten per jeugdige: this row''s cost_per_jeugdige / the region row''s of the same year (region row: 1); NULL when either is NULL or the region''s is 0';
COMMENT ON COLUMN jeugdnorm.yearly_kpi.cost_share_of_inkomsten IS 'kosten / inkomsten: cost as a fraction of the income (1 = all of it); NULL when inkomsten is NULL or 0';

-- ---- providers_per_month [M2] -----------------------------------------------------------
CREATE VIEW jeugdnorm.providers_per_month WITH (security_barrier = true) AS
WITH keys AS (
    SELECT g.gemeente, m.month_start, m.month_end
      FROM jeugdnorm_internal.mv_money_gemeenten g
     CROSS JOIN jeugdnorm_internal.month_windows m
     WHERE g.has_claims
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR g.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    UNION ALL
    SELECT NULL::text, m.month_start, m.month_end
      FROM jeugdnorm_internal.month_windows m
     WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR pg_catalog.cardinality((SELECT jeugdnorm_internal.visible_gemeenten())::text[]) > 0)
),
agg AS (
    SELECT p.gemeente, p.month_start,
           pg_catalog.count(DISTINCT p.aanbieder) AS aanbieders,
           pg_catalog.count(DISTINCT p.aanbieder) FILTER (WHERE NOT p.nga) AS aanbieders_contracted,
           pg_catalog.count(DISTINCT p.aanbieder) FILTER (WHERE p.nga) AS aanbieders_nga
      FROM jeugdnorm_internal.mv_money_provider_months p
     WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR p.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
     GROUP BY GROUPING SETS ((p.gemeente, p.month_start), (p.month_start))
)
SELECT k.gemeente,
       k.month_start,
       k.month_end,
       coalesce(a.aanbieders, 0) AS aanbieders,
       coalesce(a.aanbieders_contracted, 0) AS aanbieders_contracted,
       coalesce(a.aanbieders_nga, 0) AS aanbieders_nga
  FROM keys k
  LEFT JOIN agg a
    ON a.gemeente IS NOT DISTINCT FROM k.gemeente
   AND a.month_start = k.month_start
 ORDER BY k.month_start, k.gemeente NULLS FIRST;

COMMENT ON VIEW jeugdnorm.providers_per_month IS
    'aanbieders per maand (providers per month, DEFINITIONS [M2]): one row per (gemeente with a kept claim line, month of the window), zeros kept, plus a region row (gemeente NULL) per month over every gemeente the caller may see: distinct providers with a claim line overlapping the month, with and without a contract (NGA); up to date as of the last jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm.providers_per_month.gemeente IS 'gemeente: CBS municipality code of the claim lines; NULL = the region (every gemeente the caller may see)';
COMMENT ON COLUMN jeugdnorm.providers_per_month.month_start IS 'begin maand: first day of the month, or window_start in the first month';
COMMENT ON COLUMN jeugdnorm.providers_per_month.month_end IS 'einde maand: last day of the month, or the peildatum in the last month';
COMMENT ON COLUMN jeugdnorm.providers_per_month.aanbieders IS 'aanbieders: distinct providers (the allocation''s) with a kept claim line whose period overlaps the month';
COMMENT ON COLUMN jeugdnorm.providers_per_month.aanbieders_contracted IS 'gecontracteerde aanbieders: those with at least one line that has a valid contract (a provider can count here and in aanbieders_nga)';
COMMENT ON COLUMN jeugdnorm.providers_per_month.aanbieders_nga IS 'NGA-aanbieders: those with at least one line without a valid contract ([R11])';

-- ---- plek_capacity [M3] -----------------------------------------------------------------
-- capacity as a fraction num / den: contract plekken / 1, or the year's sum
-- of clients / its months; the classes compare |clients x den - num| x 100
-- (x 20) with num, which is |deviation| <= 0.01 (0.05) cross-multiplied.
CREATE VIEW jeugdnorm.plek_capacity WITH (security_barrier = true) AS
WITH m AS (
    SELECT m.gemeente, m.aanbieder, m.product, m.month_start, m.month_end, m.clients,
           m.year_clients, m.year_months
      FROM jeugdnorm_internal.mv_money_plek_months m
     WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR m.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
),
c AS (
    SELECT m.*,
           k.plekken,
           CASE WHEN k.plekken IS NOT NULL THEN k.plekken ELSE m.year_clients END AS num,
           CASE WHEN k.plekken IS NOT NULL THEN 1 ELSE m.year_months END AS den
      FROM m
      LEFT JOIN LATERAL (SELECT k.plekken
                           FROM jeugdnorm.capaciteit k
                          WHERE k.gemeente = m.gemeente
                            AND k.aanbieder = m.aanbieder
                            AND k.productcode = m.product
                            AND k.geldig_van <= m.month_start
                            AND m.month_start <= coalesce(k.geldig_tot, 'infinity'::date)
                          ORDER BY k.geldig_van DESC
                          LIMIT 1) k ON true
)
SELECT c.gemeente,
       c.aanbieder,
       c.product,
       c.month_start,
       c.month_end,
       c.clients,
       (c.num / c.den)::numeric(18,6) AS capacity,
       CASE WHEN c.plekken IS NOT NULL THEN 'contract' ELSE 'gemiddelde' END AS capacity_source,
       ((c.clients * c.den - c.num) / NULLIF(c.num, 0))::numeric(18,6) AS deviation,
       CASE WHEN c.num = 0 THEN NULL
            WHEN pg_catalog.abs(c.clients * c.den - c.num) * 100 <= c.num THEN 'aansluitend'
            WHEN pg_catalog.abs(c.clients * c.den - c.num) * 20 <= c.num THEN 'afwijking 1-5 %'
            ELSE 'afwijking > 5 %'
       END AS deviation_class
  FROM c
 ORDER BY c.gemeente, c.aanbieder, c.product, c.month_start;

COMMENT ON VIEW jeugdnorm.plek_capacity IS
    'plekcapaciteit (plek capacity, DEFINITIONS [M3]): one row per (gemeente, aanbieder, plek-financed product) with a kept allocation in the window and per month of the window, zeros kept: clients in care against the contracted places (jeugdnorm.capaciteit) or, without a contract row, the year''s average, with the deviation and its class; up to date as of the last jeugdnorm.refresh(); only the gemeenten the caller may see';
COMMENT ON COLUMN jeugdnorm.plek_capacity.gemeente IS 'gemeente: CBS municipality code of the allocations';
COMMENT ON COLUMN jeugdnorm.plek_capacity.aanbieder IS 'aanbieder: provider AGB code';
COMMENT ON COLUMN jeugdnorm.plek_capacity.product IS 'product: the plek-financed product (financieringsvorm plek in the catalogue)';
COMMENT ON COLUMN jeugdnorm.plek_capacity.month_start IS 'begin maand: first day of the month, or window_start in the first month';
COMMENT ON COLUMN jeugdnorm.plek_capacity.month_end IS 'einde maand: last day of the month, or the peildatum in the last month';
COMMENT ON COLUMN jeugdnorm.plek_capacity.clients IS 'cliënten: distinct clients of the group''s kept allocations overlapping the month (open: until the peildatum)';
COMMENT ON COLUMN jeugdnorm.plek_capacity.capacity IS 'capaciteit: plekken of the capaciteit row valid on month_start (latest geldig_van), else the mean of clients over the group''s months of the same calendar year';
COMMENT ON COLUMN jeugdnorm.plek_capacity.capacity_source IS 'bron capaciteit: ''contract'' (jeugdnorm.capaciteit) or ''gemiddelde'' (the year''s average)';
COMMENT ON COLUMN jeugdnorm.plek_capacity.deviation IS 'afwijking: (clients - capacity) / capacity, fraction (0.05 = 5 % above); NULL when capacity is 0';
COMMENT ON COLUMN jeugdnorm.plek_capacity.deviation_class IS 'afwijkingsklasse: ''aansluitend'' (|deviation| <= 1 %), ''afwijking 1-5 %'' (<= 5 %), ''afwijking > 5 %''; compared exactly; NULL when deviation is NULL';

-- ---- cost_forecast [M4] ------------------------------------------------------------------
CREATE VIEW jeugdnorm.cost_forecast WITH (security_barrier = true) AS
WITH cy AS (
    SELECT p.segment, m.year,
           coalesce(pg_catalog.sum(m.cost), 0) AS cost,
           pg_catalog.sum(m.cost_prev_rest) AS cost_prev_rest
      FROM jeugdnorm_internal.mv_money_claim_sums m
      LEFT JOIN jeugdnorm.product p
        ON p.productcategorie = m.claim_productcategorie
       AND p.productcode = m.claim_productcode
     WHERE m.year IS NOT NULL
       AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR m.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
     GROUP BY p.segment, m.year
),
fa AS (
    SELECT f.gemeente, f.product, f.segment, f.alloc_w, f.claimed_w, f.alloc_r
      FROM jeugdnorm_internal.mv_money_forecast f
     WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR f.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
),
share AS (
    SELECT fa.product,
           coalesce(pg_catalog.sum(fa.claimed_w) / NULLIF(pg_catalog.sum(fa.alloc_w), 0), 1) AS share
      FROM fa
     GROUP BY fa.product
),
extra AS (
    SELECT fa.segment, pg_catalog.sum(fa.alloc_r * sh.share) AS extra
      FROM fa
      JOIN share sh ON sh.product IS NOT DISTINCT FROM fa.product
     GROUP BY fa.segment
),
r AS (
    SELECT cy.segment, cy.year, cy.cost, y.days_elapsed, y.days_in_year, y.is_open,
           coalesce(ix.pct, 0) AS index_pct,
           d.rest_prev_start >= d.window_start AS prev_ok,
           coalesce(prev.cost_prev_rest, 0) AS prev_rest,
           coalesce(ex.extra, 0) AS extra
      FROM cy
      JOIN jeugdnorm_internal.forecast_years y ON y.year = cy.year
     CROSS JOIN jeugdnorm_internal.forecast_dates d
      LEFT JOIN jeugdnorm.indexatie ix ON ix.jaar = cy.year
      LEFT JOIN cy prev ON prev.segment IS NOT DISTINCT FROM cy.segment AND prev.year = cy.year - 1
      LEFT JOIN extra ex ON ex.segment IS NOT DISTINCT FROM cy.segment
)
SELECT r.segment,
       r.year,
       r.cost::numeric(14,2) AS cost_to_date,
       r.days_elapsed,
       r.days_in_year,
       r.index_pct::numeric(18,6) AS index_pct,
       CASE WHEN r.is_open THEN r.cost * r.days_in_year / r.days_elapsed ELSE r.cost END::numeric(14,2)
           AS forecast_linear,
       CASE WHEN NOT r.is_open THEN r.cost
            WHEN r.prev_ok THEN r.cost + (1 + r.index_pct / 100) * r.prev_rest
       END::numeric(14,2) AS forecast_previous_year,
       CASE WHEN r.is_open THEN r.cost + r.extra ELSE r.cost END::numeric(14,2) AS forecast_allocations
  FROM r
 ORDER BY r.segment, r.year;

COMMENT ON VIEW jeugdnorm.cost_forecast IS
    'kostenprognose (cost forecast, DEFINITIONS [M4]): one row per (segment, year) as cost_overview, with the cost to date and for the open year (the peildatum''s, when before 31 December) three forecasts for the whole year: linear, last year''s rest period with the tariff index, and the allocations of the rest of the year times their realisation; other years: the forecasts equal the cost; up to date as of the last jeugdnorm.refresh(); over the gemeenten the caller may see';
COMMENT ON COLUMN jeugdnorm.cost_forecast.segment IS 'segment: purchasing segment of the claim line''s own product (cost_overview''s); NULL when not in the catalogue';
COMMENT ON COLUMN jeugdnorm.cost_forecast.year IS 'jaar: calendar year; its window is the year intersected with [window_start, peildatum]';
COMMENT ON COLUMN jeugdnorm.cost_forecast.cost_to_date IS 'kosten tot peildatum: cost in the year window, exactly cost_overview.cost';
COMMENT ON COLUMN jeugdnorm.cost_forecast.days_elapsed IS 'verstreken dagen: days of the year window';
COMMENT ON COLUMN jeugdnorm.cost_forecast.days_in_year IS 'dagen in het jaar: open year: 31 December - greatest(1 January, window_start) + 1; other years: days_elapsed';
COMMENT ON COLUMN jeugdnorm.cost_forecast.index_pct IS 'indexatie: the tariff index of this year in per cent (jeugdnorm.indexatie; 0 when none); only the open year''s forecast_previous_year uses it';
COMMENT ON COLUMN jeugdnorm.cost_forecast.forecast_linear IS 'prognose lineair: open year: cost_to_date x days_in_year / days_elapsed (26 million to 31 July: x 365 / 212); other years: cost_to_date';
COMMENT ON COLUMN jeugdnorm.cost_forecast.forecast_previous_year IS 'prognose vorig jaar: open year: cost_to_date + (1 + index_pct / 100) x the segment''s cost in last year''s rest period [(peildatum + 1) - 1 year, 31 December]; NULL when that period starts before window_start; other years: cost_to_date';
COMMENT ON COLUMN jeugdnorm.cost_forecast.forecast_allocations IS 'prognose toewijzingen: open year: cost_to_date + the allocated amount of the segment''s allocations in [peildatum + 1, 31 December] x each product''s realisation (claimed / allocated amount over the last year up to the peildatum; 1 when nothing was allocated); other years: cost_to_date';

-- ---- budget_uitnutting [M5] -------------------------------------------------------------
-- Visible ceilings: those of the caller's gemeenten, and the region-wide
-- ones (gemeente NULL) for a caller who may see at least one gemeente
-- (88_money_tenancy.sql); a region-wide ceiling's cost is over the claim
-- lines the caller may see.  F = cost x days_in_year / days_elapsed: the
-- signal compares cost x days_in_year with share x plafond x days_elapsed.
CREATE VIEW jeugdnorm.budget_uitnutting WITH (security_barrier = true) AS
WITH b AS (
    SELECT b.plafond_id, b.jaar, b.gemeente, b.aanbieder, b.productcode, b.plafond, b.donut_hole_pct
      FROM jeugdnorm.budgetplafond b
     WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR b.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
            OR (b.gemeente IS NULL
                AND pg_catalog.cardinality((SELECT jeugdnorm_internal.visible_gemeenten())::text[]) > 0))
),
cost AS (
    SELECT b.plafond_id, coalesce(pg_catalog.sum(m.cost), 0) AS cost
      FROM b
      JOIN jeugdnorm_internal.mv_money_claim_sums m
        ON m.year = b.jaar
       AND m.aanbieder = b.aanbieder
       AND (b.gemeente IS NULL OR m.gemeente = b.gemeente)
       AND (b.productcode IS NULL OR m.claim_productcode = b.productcode)
     WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
            OR m.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
     GROUP BY b.plafond_id
),
f AS (
    SELECT b.*,
           CASE WHEN y.year IS NOT NULL THEN coalesce(c.cost, 0) END AS cost_to_date,
           y.days_in_year, y.days_elapsed,
           CASE WHEN y.year IS NOT NULL
                THEN coalesce(c.cost, 0) * y.days_in_year / y.days_elapsed END AS forecast,
           st.budget_under_share, st.budget_over_share
      FROM b
      LEFT JOIN jeugdnorm_internal.forecast_years y ON y.year = b.jaar
      LEFT JOIN cost c ON c.plafond_id = b.plafond_id
     CROSS JOIN (SELECT s.budget_under_share, s.budget_over_share
                   FROM jeugdnorm.settings s LIMIT 1) st
),
g AS (
    SELECT f.*,
           CASE WHEN f.forecast IS NULL THEN NULL
                WHEN f.cost_to_date * f.days_in_year > f.budget_over_share * f.plafond * f.days_elapsed
                    THEN 'overschrijding'
                WHEN f.cost_to_date * f.days_in_year < f.budget_under_share * f.plafond * f.days_elapsed
                    THEN 'onderbenutting'
                ELSE 'op koers'
           END AS signal,
           CASE WHEN f.forecast IS NULL THEN NULL
                WHEN f.donut_hole_pct IS NULL THEN f.forecast
                ELSE least(f.forecast, f.plafond)
                     + greatest(0, f.forecast - f.plafond * (1 + f.donut_hole_pct / 100))
           END AS payable_donut_hole,
           CASE WHEN f.forecast IS NULL THEN NULL
                ELSE coalesce((SELECT least(f.forecast, f.plafond * pg_catalog.min(t.vanaf_pct) / 100)
                                      + pg_catalog.sum(greatest(0, least(f.forecast, coalesce(f.plafond * t.next_pct / 100, f.forecast))
                                                                   - f.plafond * t.vanaf_pct / 100)
                                                       * (1 - t.korting_pct / 100))
                                 FROM (SELECT s.vanaf_pct, s.korting_pct,
                                              pg_catalog.lead(s.vanaf_pct) OVER (ORDER BY s.vanaf_pct) AS next_pct
                                         FROM jeugdnorm.staffel s
                                        WHERE s.plafond_id = f.plafond_id) t),
                              f.forecast)
           END AS payable_staffel
      FROM f
)
SELECT g.plafond_id,
       g.jaar,
       g.gemeente,
       g.aanbieder,
       g.productcode,
       g.plafond::numeric(14,2) AS plafond,
       g.cost_to_date::numeric(14,2) AS cost_to_date,
       g.forecast::numeric(14,2) AS forecast,
       (g.cost_to_date / g.plafond)::numeric(18,6) AS uitnutting,
       (g.forecast / g.plafond)::numeric(18,6) AS uitnutting_forecast,
       g.signal,
       g.payable_donut_hole::numeric(14,2) AS payable_donut_hole,
       g.payable_staffel::numeric(14,2) AS payable_staffel,
       g.donut_hole_pct::numeric(18,6) AS donut_hole_pct,
       (SELECT pg_catalog.count(*) FROM jeugdnorm.staffel s WHERE s.plafond_id = g.plafond_id) AS staffel_tiers
  FROM g
 ORDER BY g.plafond_id;

COMMENT ON VIEW jeugdnorm.budget_uitnutting IS
    'budgetuitnutting (use of budget ceilings, DEFINITIONS [M5]): one row per budget ceiling (jeugdnorm.budgetplafond) the caller may see (its gemeente''s, and the region-wide ones for a caller who sees at least one gemeente): cost to date and the linear forecast of its scope against the plafond, the signal (overschrijding / op koers / onderbenutting) and what is payable under the donut hole and the staffel; a region-wide ceiling''s cost counts the claim lines of the gemeenten the caller may see; claims up to date as of the last jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.plafond_id IS 'plafond_id: key of the ceiling';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.jaar IS 'jaar: year of the ceiling';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.gemeente IS 'gemeente of the ceiling; NULL = region-wide (the claims of every gemeente the caller may see count)';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.aanbieder IS 'aanbieder: provider AGB code of the ceiling (the allocation''s provider counts)';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.productcode IS 'productcode of the ceiling (the claim line''s own code counts); NULL = all of the provider''s products';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.plafond IS 'plafond: the ceiling in euros';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.cost_to_date IS 'kosten tot peildatum: cost of the scope''s kept claim lines in the year window of jaar; NULL when jaar is not a window year';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.forecast IS 'prognose: cost_to_date x days_in_year / days_elapsed for the open year (cost_forecast), else cost_to_date; NULL when jaar is not a window year';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.uitnutting IS 'uitnutting: cost_to_date / plafond, fraction (1 = the whole ceiling)';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.uitnutting_forecast IS 'uitnutting prognose: forecast / plafond, fraction';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.signal IS 'signaal: ''overschrijding'' when uitnutting_forecast > settings.budget_over_share, ''onderbenutting'' when < budget_under_share, else ''op koers''; compared unrounded; NULL when forecast is NULL';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.payable_donut_hole IS 'te betalen met donut hole: least(F, P) + greatest(0, F - P x (1 + donut_hole_pct / 100)) with F = forecast, P = plafond (the cost in the hole above the ceiling is not paid); F without a donut hole; NULL when forecast is NULL';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.payable_staffel IS 'te betalen met staffel: the part of F below the lowest tier at full price, each part between two tiers (the last one open) at (1 - korting_pct / 100); F without staffel rows; NULL when forecast is NULL';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.donut_hole_pct IS 'donut hole in per cent of the plafond (budgetplafond.donut_hole_pct); NULL = none';
COMMENT ON COLUMN jeugdnorm.budget_uitnutting.staffel_tiers IS 'number of staffel tiers of the ceiling (jeugdnorm.staffel)';

-- ---- traject_realisation [M6] ---------------------------------------------------------------
CREATE VIEW jeugdnorm.traject_realisation WITH (security_barrier = true) AS
SELECT t.gemeente,
       t.toewijzingnummer,
       t.client_id,
       t.aanbieder,
       t.product,
       t.ingangsdatum,
       t.einddatum,
       t.claim_lines,
       t.first_claim_day,
       t.last_claim_day,
       (t.last_claim_day - t.first_claim_day + 1)::integer AS days_claimed,
       (t.standaard_doorlooptijd_maanden * 30.4375)::numeric(18,6) AS standard_days,
       ((t.last_claim_day - t.first_claim_day + 1)
            / NULLIF(t.standaard_doorlooptijd_maanden * 30.4375, 0))::numeric(18,6) AS volume_share,
       t.claimed_amount::numeric(14,2) AS claimed_amount,
       t.tarief::numeric(14,2) AS tarief,
       (t.claimed_amount / NULLIF(t.tarief, 0))::numeric(18,6) AS cost_share
  FROM jeugdnorm_internal.mv_money_traject t
 WHERE ((SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR t.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
 ORDER BY t.gemeente, t.toewijzingnummer;

COMMENT ON VIEW jeugdnorm.traject_realisation IS
    'trajectrealisatie (traject realisation, DEFINITIONS [M6]): one row per kept allocation of a traject-financed product that is completed (einddatum + path_gap_days <= peildatum) and ended inside the window: claimed duration against the standard duration (volume_share) and claimed money against the tariff (cost_share); pure traject financing sits on cost_share 1 whatever the duration; up to date as of the last jeugdnorm.refresh(); only the gemeenten the caller may see';
COMMENT ON COLUMN jeugdnorm.traject_realisation.gemeente IS 'gemeente: CBS municipality code of the allocation';
COMMENT ON COLUMN jeugdnorm.traject_realisation.toewijzingnummer IS 'toewijzingnummer: allocation number, unique within the gemeente';
COMMENT ON COLUMN jeugdnorm.traject_realisation.client_id IS 'client_id: pseudonymised client key';
COMMENT ON COLUMN jeugdnorm.traject_realisation.aanbieder IS 'aanbieder: provider AGB code';
COMMENT ON COLUMN jeugdnorm.traject_realisation.product IS 'product: the allocation''s (analysis) product, traject-financed in the catalogue';
COMMENT ON COLUMN jeugdnorm.traject_realisation.ingangsdatum IS 'ingangsdatum: first day of the allocation';
COMMENT ON COLUMN jeugdnorm.traject_realisation.einddatum IS 'einddatum: last day of the allocation';
COMMENT ON COLUMN jeugdnorm.traject_realisation.claim_lines IS 'declaratieregels: kept claim lines of the allocation, every period';
COMMENT ON COLUMN jeugdnorm.traject_realisation.first_claim_day IS 'eerste declaratiedag: first begindatum of those lines; NULL without lines';
COMMENT ON COLUMN jeugdnorm.traject_realisation.last_claim_day IS 'laatste declaratiedag: last einddatum of those lines; NULL without lines';
COMMENT ON COLUMN jeugdnorm.traject_realisation.days_claimed IS 'gedeclareerde dagen: last_claim_day - first_claim_day + 1; NULL without lines';
COMMENT ON COLUMN jeugdnorm.traject_realisation.standard_days IS 'standaard dagen: standaard_doorlooptijd_maanden x 30.4375 from the catalogue; NULL when not given';
COMMENT ON COLUMN jeugdnorm.traject_realisation.volume_share IS 'aandeel duur: days_claimed / standard_days; NULL when either is NULL or standard_days is 0';
COMMENT ON COLUMN jeugdnorm.traject_realisation.claimed_amount IS 'gedeclareerd bedrag: sum of bedrag of those lines in euros (credits negative); NULL without lines';
COMMENT ON COLUMN jeugdnorm.traject_realisation.tarief IS 'tarief: the product''s tariff per trajectory (catalogue)';
COMMENT ON COLUMN jeugdnorm.traject_realisation.cost_share IS 'aandeel kosten: claimed_amount / tarief; NULL when either is NULL or tarief is 0';
