-- ---------------------------------------------------------------------------
-- 64_requests.sql (new in 0.2.0) -- request_lead_time and waiting_list
-- (DEFINITIONS.md section 9, [S3]).
--
-- Analyses: plain views that count and aggregate
-- jeugdnorm_internal.requests (32_requests.sql), where every [S3] rule
-- lives (product, linked allocation, answer date, status, days, norm,
-- stretched).  Nothing is derived here.  Figures are computed unrounded and
-- cast to their BI type (section 8) as the last step; percentiles are
-- percentile_cont over the day counts as float8 ([S3]).
--
-- Tenancy: the views run with their owner's privileges and count only the
-- requests of the gemeenten the caller may see (jeugdnorm.access,
-- 45_path_views.sql), by the request's own gemeente, which is also the
-- first grain column of both views.
--
-- Rows: only where there is something to count (a (gemeente, product,
-- year) with a request received in the window; a (gemeente, product) with
-- a waiting request).  No requests: no rows.
-- ---------------------------------------------------------------------------

-- ---- request_lead_time ------------------------------------------------------------
CREATE VIEW jeugdnorm.request_lead_time AS
SELECT r.gemeente,
       r.product,
       r.year,
       pg_catalog.count(*) AS requests,
       pg_catalog.count(*) FILTER (WHERE r.status = 'toegewezen') AS toegewezen,
       pg_catalog.count(*) FILTER (WHERE r.status = 'afgewezen') AS afgewezen,
       pg_catalog.count(*) FILTER (WHERE r.status = 'open') AS open,
       (pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY r.days::float8))::numeric(18,6) AS median_days,
       (pg_catalog.percentile_cont(0.9) WITHIN GROUP (ORDER BY r.days::float8))::numeric(18,6) AS p90_days,
       (pg_catalog.count(*) FILTER (WHERE r.within_target)::numeric
        / NULLIF(pg_catalog.count(r.days), 0))::numeric(18,6) AS share_within_8_weeks,
       pg_catalog.count(*) FILTER (WHERE r.above_norm) AS requests_above_norm,
       pg_catalog.count(*) FILTER (WHERE r.stretched) AS allocations_stretched,
       pg_catalog.count(r.days) AS answered_with_date,
       pg_catalog.count(*) FILTER (WHERE r.within_target) AS within_target,
       pg_catalog.count(*) FILTER (WHERE r.linked) AS linked
  FROM jeugdnorm_internal.requests r
 WHERE r.in_window
   AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR r.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
 GROUP BY r.gemeente, r.product, r.year
 ORDER BY r.gemeente, r.product, r.year;

COMMENT ON VIEW jeugdnorm.request_lead_time IS
    'doorlooptijd aanvragen (request lead time, DEFINITIONS [S3]): one row per (gemeente, product, year of ontvangen) over the requests for an allocation (JW315) received in [window_start, peildatum]; their status on the peildatum, the days from ontvangen to the answer, requests above the volume norm and allocations stretched above the request';
COMMENT ON COLUMN jeugdnorm.request_lead_time.gemeente IS
    'gemeente: CBS municipality code of the request';
COMMENT ON COLUMN jeugdnorm.request_lead_time.product IS
    'product: requested productcode, or productcategorie for an aspecifiek request, after product mapping (with the request''s aanbieder, on ontvangen)';
COMMENT ON COLUMN jeugdnorm.request_lead_time.year IS
    'jaar: calendar year of ontvangen (the day the gemeente received the request)';
COMMENT ON COLUMN jeugdnorm.request_lead_time.requests IS
    'verzoeken: requests received in this year inside the window; = toegewezen + afgewezen + open';
COMMENT ON COLUMN jeugdnorm.request_lead_time.toegewezen IS
    'toegewezen: requests granted on the peildatum (antwoord ''toegewezen'', answer date NULL or on/before the peildatum)';
COMMENT ON COLUMN jeugdnorm.request_lead_time.afgewezen IS
    'afgewezen: requests refused on the peildatum (antwoord ''afgewezen'', answer date NULL or on/before the peildatum)';
COMMENT ON COLUMN jeugdnorm.request_lead_time.open IS
    'open: requests without an answer on the peildatum (no antwoord, or an answer dated after the peildatum)';
COMMENT ON COLUMN jeugdnorm.request_lead_time.median_days IS
    'mediaan doorlooptijd: median days from ontvangen to the answer date (the linked allocation''s toewijzingsdatum, else antwoord_datum) over answered requests with a date; percentile_cont; NULL when none';
COMMENT ON COLUMN jeugdnorm.request_lead_time.p90_days IS
    'percentiel 90 doorlooptijd: 90th percentile of those days (percentile_cont, linear interpolation); NULL when none';
COMMENT ON COLUMN jeugdnorm.request_lead_time.share_within_8_weeks IS
    'aandeel binnen 8 weken: share of answered requests with a date whose days <= settings.lead_time_target_days (default 56 = 8 weeks), fraction 0..1; NULL when none';
COMMENT ON COLUMN jeugdnorm.request_lead_time.requests_above_norm IS
    'boven norm: requests for a total (frequentie 6) whose canonical volume is strictly above max_volume of the product''s norm valid on ontvangen ([R9])';
COMMENT ON COLUMN jeugdnorm.request_lead_time.allocations_stretched IS
    'opgerekt (stretched): answered requests whose linked allocation has a volume per week strictly above the requested volume per week (both canonical, same unit family; a totaal request has none)';
COMMENT ON COLUMN jeugdnorm.request_lead_time.answered_with_date IS
    'beantwoord met datum: answered requests with an answer date, the requests behind median_days, p90_days and the denominator of share_within_8_weeks';
COMMENT ON COLUMN jeugdnorm.request_lead_time.within_target IS
    'binnen termijn: answered requests whose days <= settings.lead_time_target_days, the numerator of share_within_8_weeks';
COMMENT ON COLUMN jeugdnorm.request_lead_time.linked IS
    'gekoppeld: requests whose toewijzingnummer matches a kept allocation';

-- ---- waiting_list --------------------------------------------------------------------
CREATE VIEW jeugdnorm.waiting_list AS
SELECT r.gemeente,
       r.product,
       pg_catalog.count(*) AS waiting,
       (pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY r.days_waiting::float8))::numeric(18,6)
           AS median_days_waiting,
       pg_catalog.max(r.days_waiting) AS max_days_waiting
  FROM jeugdnorm_internal.requests r
 WHERE r.waiting
   AND ((SELECT jeugdnorm_internal.sees_all_gemeenten())
        OR r.gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
 GROUP BY r.gemeente, r.product
 ORDER BY r.gemeente, r.product;

COMMENT ON VIEW jeugdnorm.waiting_list IS
    'wachtlijst (waiting list, DEFINITIONS [S3]): one row per (gemeente, product) with requests for an allocation that are open on the peildatum and were received on or before it, whatever the window; days waiting = peildatum - ontvangen';
COMMENT ON COLUMN jeugdnorm.waiting_list.gemeente IS
    'gemeente: CBS municipality code of the request';
COMMENT ON COLUMN jeugdnorm.waiting_list.product IS
    'product: requested productcode, or productcategorie for an aspecifiek request, after product mapping';
COMMENT ON COLUMN jeugdnorm.waiting_list.waiting IS
    'wachtend: requests without an answer on the peildatum (no antwoord, or an answer dated after the peildatum)';
COMMENT ON COLUMN jeugdnorm.waiting_list.median_days_waiting IS
    'mediaan wachttijd: median of peildatum - ontvangen in days over the waiting requests (percentile_cont)';
COMMENT ON COLUMN jeugdnorm.waiting_list.max_days_waiting IS
    'langste wachttijd: the longest wait in days (peildatum - ontvangen of the oldest waiting request)';
