-- ---------------------------------------------------------------------------
-- 32_requests.sql (new in 0.2.0) -- the cleaned requests (layer 2 of
-- ARCHITECTURE.md): jeugdnorm_internal.requests, one row per request
-- (jeugdnorm.verzoek), with every rule of DEFINITIONS.md [S3] applied once.
-- The contract views request_lead_time and waiting_list (64_requests.sql)
-- only count and aggregate its columns; they decide nothing themselves.
--
-- Rules, each in one place:
--   product       coalesce(productcode, productcategorie), mapped with the
--                 request's own aanbieder on ontvangen by
--                 jeugdnorm_internal.mapped_product() ([S2], 30_cleaned.sql);
--                 productgroep from jeugdnorm.product by the request's own
--                 codes (as for allocations), for the norm fallback.
--   codes         an unknown eenheid / frequentie / antwoord / reden_afwijzing
--                 (which the CHECKs keep out of the table, but a replacing
--                 view could deliver) reads as NULL ([R13], [S1]).
--   linked allocation   the kept allocation (jeugdnorm_internal.allocations:
--                 '13' and the age filter applied) with the request's
--                 (gemeente, toewijzingnummer); none when not kept or absent.
--   answer_date   the linked allocation's toewijzingsdatum, else antwoord_datum.
--   status        on the peildatum: antwoord ('toegewezen' / 'afgewezen')
--                 when the answer date is NULL or <= peildatum; else 'open'
--                 (no antwoord, or an answer dated after the peildatum).
--   days          answer_date - ontvangen for an answered request with an
--                 answer date; NULL otherwise (so an answer after the
--                 peildatum never counts in the lead times).
--   within_target days <= settings.lead_time_target_days (default 56).
--   waiting       open on the peildatum and received on or before it;
--                 days_waiting = peildatum - ontvangen.
--   in_window, year   ontvangen in [window_start, peildatum]; year(ontvangen).
--   volumes       canonical (jeugdnorm.canonical_volume: minute/60, dagdeel
--                 x 4); the requested total is the canonical volume of a
--                 frequentie '6' request only (the others have no period).
--   per week      canonical volume x per_week_num / per_week_den: per dag
--                 x 7, per week x 1, per maand x 12 x 7 / 365.25, totaal x 7 /
--                 days of the allocation; a 'totaal' request has none.
--   norm          [R9] on ontvangen, the lookup of mv_care_paths (40_paths.sql,
--                 frozen with 0.1.0, so it cannot call a shared function)
--                 applied to the request's product, productgroep and
--                 ontvangen; written inline in the view, not in a function:
--                 a table read through an inlined function is checked
--                 against the querying role, and BI readers have no
--                 privilege on jeugdnorm.norm.  test/view_requests.sql
--                 checks that both choose the same norm row.
--   above_norm    requested total strictly above that norm's max_volume.
--   stretched     answered, and the linked allocation's volume per week is
--                 strictly above the request's, both canonical, same unit
--                 family; compared exactly: a/b > c/d as a x d > c x b, with
--                 the canonical conversion applied to 60 x the cross product
--                 (canonical_volume multiplies by the unit's factor numerator
--                 and divides by its denominator, 60 for minutes, so
--                 60 x anything divides exactly and the conversion, being
--                 linear, commutes with the cross-multiplication).
-- Boolean flags are never NULL (an unknown comparison is false), so the
-- views can count them with FILTER.
--
-- Plain views, evaluated when read: requests are few compared with claim
-- lines, and a settings change (peildatum, lead_time_target_days) then
-- takes effect at once, without refresh().
-- ---------------------------------------------------------------------------

-- ---- volume per week -----------------------------------------------------------
-- The [S3] reading of "volume per week" for a frequentie code, shared by the
-- request and its allocation, as an exact fraction num / den of the volume:
--   1 per dag 7/1, 2 per week 1/1, 4 per maand 12 x 7 / 365.25 = 336/1461,
--   6 totaal binnen geldigheidsduur 7/days (days = the allocation's
--   einddatum - ingangsdatum + 1).
-- NULL days (an open allocation; a request, which has no period) gives NULL
-- for '6'; an unknown or NULL code gives NULL.  Two functions, not one
-- quotient, so that two rates can be compared exactly by cross-multiplying
-- (a rate in minutes per dag and the same rate in minutes per week must
-- compare equal, which rounded quotients do not guarantee); see stretched.
CREATE FUNCTION jeugdnorm_internal.per_week_num(frequentie text, days integer)
    RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE frequentie
           WHEN '1' THEN 7
           WHEN '2' THEN 1
           WHEN '4' THEN 336
           WHEN '6' THEN CASE WHEN days IS NOT NULL THEN 7 END
       END;
COMMENT ON FUNCTION jeugdnorm_internal.per_week_num(text, integer) IS
    'numerator of the factor from a volume per frequentie (WJ757) to a volume per week: 1 per dag 7, 2 per week 1, 4 per maand 336 (/1461), 6 totaal 7 (/days; NULL days: NULL); other codes NULL ([S3])';

CREATE FUNCTION jeugdnorm_internal.per_week_den(frequentie text, days integer)
    RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE frequentie
           WHEN '1' THEN 1
           WHEN '2' THEN 1
           WHEN '4' THEN 1461
           WHEN '6' THEN days
       END;
COMMENT ON FUNCTION jeugdnorm_internal.per_week_den(text, integer) IS
    'denominator of the factor from a volume per frequentie (WJ757) to a volume per week: 1, 1, 1461 (per maand: 12 x 7 / 365.25 = 336/1461), days (totaal); other codes NULL ([S3])';

-- ---- requests ---------------------------------------------------------------------

CREATE VIEW jeugdnorm_internal.requests AS
SELECT q.gemeente,
       q.verzoeknummer,
       q.client_id,
       q.aanbieder,
       q.productcategorie,
       q.productcode,
       q.own_product,
       q.product,
       q.productgroep,
       q.ontvangen,
       q.gewenste_ingangsdatum,
       q.volume,
       q.eenheid,
       q.frequentie,
       q.unit,
       q.canonical_volume,
       q.antwoord,
       q.antwoord_datum,
       q.reden_afwijzing,
       q.toewijzingnummer,
       q.linked,
       q.alloc_toewijzingsdatum,
       q.alloc_ingangsdatum,
       q.alloc_einddatum,
       q.alloc_frequentie,
       q.alloc_unit,
       q.alloc_canonical_volume,
       q.answer_date,
       q.status,
       q.status <> 'open' AS answered,
       q.days,
       coalesce(q.days <= q.lead_time_target_days, false) AS within_target,
       (q.status = 'open' AND q.ontvangen <= q.peildatum) AS waiting,
       CASE WHEN q.status = 'open' AND q.ontvangen <= q.peildatum
            THEN q.peildatum - q.ontvangen END AS days_waiting,
       q.in_window,
       q.year,
       q.requested_volume,
       q.norm_id,
       q.norm_volume,
       coalesce(q.requested_volume > q.norm_volume, false) AS above_norm,
       q.volume_per_week,
       q.alloc_volume_per_week,
       coalesce(q.status <> 'open'
                AND q.alloc_unit = q.unit
                AND jeugdnorm.canonical_volume(60 * q.alloc_volume * q.alloc_week_num * q.week_den,
                                               q.alloc_eenheid)
                    > jeugdnorm.canonical_volume(60 * q.volume * q.week_num * q.alloc_week_den,
                                                 q.eenheid), false) AS stretched
  FROM (SELECT r.*,
               CASE WHEN r.antwoord IS NOT NULL
                     AND (r.answer_date IS NULL OR r.answer_date <= r.peildatum)
                    THEN r.antwoord ELSE 'open' END AS status,
               CASE WHEN r.antwoord IS NOT NULL
                     AND r.answer_date <= r.peildatum
                    THEN r.answer_date - r.ontvangen END AS days,
               CASE WHEN r.frequentie = '6' THEN r.canonical_volume END AS requested_volume,
               r.canonical_volume * r.week_num / r.week_den AS volume_per_week,
               r.alloc_canonical_volume * r.alloc_week_num / r.alloc_week_den AS alloc_volume_per_week
          FROM (SELECT w.*,
                       jeugdnorm_internal.per_week_num(w.frequentie, NULL) AS week_num,
                       jeugdnorm_internal.per_week_den(w.frequentie, NULL) AS week_den,
                       jeugdnorm_internal.per_week_num(w.alloc_frequentie, w.alloc_days) AS alloc_week_num,
                       jeugdnorm_internal.per_week_den(w.alloc_frequentie, w.alloc_days) AS alloc_week_den
                  FROM (SELECT v.gemeente,
                               v.verzoeknummer,
                               v.client_id,
                               v.aanbieder,
                               v.productcategorie,
                               v.productcode,
                               coalesce(v.productcode, v.productcategorie) AS own_product,
                               mp.product,
                               p.productgroep,
                               v.ontvangen,
                               v.gewenste_ingangsdatum,
                               v.volume,
                               e.code AS eenheid,
                               CASE WHEN jeugdnorm.is_frequentie(v.frequentie) THEN v.frequentie END AS frequentie,
                               e.canonical_unit AS unit,
                               CASE WHEN e.code IS NOT NULL
                                    THEN jeugdnorm.canonical_volume(v.volume, e.code) END AS canonical_volume,
                               CASE WHEN v.antwoord IN ('toegewezen', 'afgewezen') THEN v.antwoord END AS antwoord,
                               v.antwoord_datum,
                               CASE WHEN jeugdnorm.is_reden_afwijzing(v.reden_afwijzing)
                                    THEN v.reden_afwijzing END AS reden_afwijzing,
                               v.toewijzingnummer,
                               a.toewijzingnummer IS NOT NULL AS linked,
                               a.toewijzingsdatum AS alloc_toewijzingsdatum,
                               a.ingangsdatum AS alloc_ingangsdatum,
                               a.einddatum AS alloc_einddatum,
                               a.frequentie AS alloc_frequentie,
                               a.einddatum - a.ingangsdatum + 1 AS alloc_days,
                               a.volume AS alloc_volume,
                               a.eenheid AS alloc_eenheid,
                               a.unit AS alloc_unit,
                               CASE WHEN a.eenheid IS NOT NULL
                                    THEN jeugdnorm.canonical_volume(a.volume, a.eenheid) END AS alloc_canonical_volume,
                               coalesce(a.toewijzingsdatum, v.antwoord_datum) AS answer_date,
                               (v.ontvangen >= s.window_start AND v.ontvangen <= s.peildatum) AS in_window,
                               pg_catalog.date_part('year', v.ontvangen)::integer AS year,
                               n.norm_id,
                               n.max_volume AS norm_volume,
                               s.peildatum,
                               s.lead_time_target_days
                          FROM jeugdnorm.verzoek v
                         CROSS JOIN jeugdnorm_internal.settings s
                         CROSS JOIN LATERAL jeugdnorm_internal.mapped_product(v.productcategorie, v.productcode,
                                                                              v.aanbieder, v.ontvangen) mp
                          LEFT JOIN jeugdnorm.eenheid_codes() e
                                 ON e.code = v.eenheid
                          LEFT JOIN jeugdnorm.product p
                                 ON p.productcategorie = v.productcategorie
                                AND p.productcode = v.productcode
                          LEFT JOIN jeugdnorm_internal.allocations a
                                 ON a.gemeente = v.gemeente
                                AND a.toewijzingnummer = v.toewijzingnummer
                          LEFT JOIN LATERAL (
                                -- [R9] on ontvangen: the same lookup, in the same order, as
                                -- mv_care_paths does for a path's start (40_paths.sql); the
                                -- rows for the product win over those for its productgroep;
                                -- among versions valid on the day the latest geldig_van wins;
                                -- a NULL geldig_van never matches; the row is taken whole.
                                SELECT nm.norm_id, nm.max_volume
                                  FROM jeugdnorm.norm nm
                                 WHERE (nm.productcode = mp.product OR nm.productcode = p.productgroep)
                                   AND nm.geldig_van <= v.ontvangen
                                   AND v.ontvangen <= coalesce(nm.geldig_tot, 'infinity'::date)
                                 ORDER BY (nm.productcode = mp.product) DESC, nm.geldig_van DESC, nm.norm_id
                                 LIMIT 1
                               ) n ON true) w) r) q;

COMMENT ON VIEW jeugdnorm_internal.requests IS
    'verzoeken (requests for an allocation, JW315) with every [S3] rule applied once: mapped product, linked kept allocation, answer date, status on the peildatum, days, canonical and per-week volumes, the norm valid on ontvangen; read by request_lead_time and waiting_list';
COMMENT ON COLUMN jeugdnorm_internal.requests.gemeente IS 'gemeente: CBS municipality code';
COMMENT ON COLUMN jeugdnorm_internal.requests.verzoeknummer IS 'verzoeknummer: request number, unique within a gemeente';
COMMENT ON COLUMN jeugdnorm_internal.requests.client_id IS 'client_id: pseudonymised client key';
COMMENT ON COLUMN jeugdnorm_internal.requests.aanbieder IS 'aanbieder: AGB code of the requesting provider';
COMMENT ON COLUMN jeugdnorm_internal.requests.productcategorie IS 'productcategorie: requested iJw product category';
COMMENT ON COLUMN jeugdnorm_internal.requests.productcode IS 'productcode: requested iJw product code; NULL = aspecifiek';
COMMENT ON COLUMN jeugdnorm_internal.requests.own_product IS 'coalesce(productcode, productcategorie), before product mapping';
COMMENT ON COLUMN jeugdnorm_internal.requests.product IS 'product: own_product mapped with the request''s aanbieder on ontvangen ([S2], jeugdnorm_internal.mapped_product)';
COMMENT ON COLUMN jeugdnorm_internal.requests.productgroep IS 'productgroep from jeugdnorm.product by the request''s own codes; NULL when not in the catalogue';
COMMENT ON COLUMN jeugdnorm_internal.requests.ontvangen IS 'ontvangen: the day the gemeente received the request';
COMMENT ON COLUMN jeugdnorm_internal.requests.gewenste_ingangsdatum IS 'gewenste ingangsdatum: requested first day of care';
COMMENT ON COLUMN jeugdnorm_internal.requests.volume IS 'volume: requested amount per frequentie, in eenheid';
COMMENT ON COLUMN jeugdnorm_internal.requests.eenheid IS 'eenheid: WJ756 unit code; NULL when not a known code';
COMMENT ON COLUMN jeugdnorm_internal.requests.frequentie IS 'frequentie: WJ757 frequency code; NULL when not a known code';
COMMENT ON COLUMN jeugdnorm_internal.requests.unit IS 'canonical unit of eenheid (uur, etmaal, stuks, euro); NULL when unknown';
COMMENT ON COLUMN jeugdnorm_internal.requests.canonical_volume IS 'volume in the canonical unit (jeugdnorm.canonical_volume), per frequentie';
COMMENT ON COLUMN jeugdnorm_internal.requests.antwoord IS 'antwoord: ''toegewezen'', ''afgewezen'' or NULL (not answered; also an unknown value)';
COMMENT ON COLUMN jeugdnorm_internal.requests.antwoord_datum IS 'antwoord datum as delivered';
COMMENT ON COLUMN jeugdnorm_internal.requests.reden_afwijzing IS 'reden afwijzing: WJ759 code; NULL when not a known code';
COMMENT ON COLUMN jeugdnorm_internal.requests.toewijzingnummer IS 'toewijzingnummer the request led to, as delivered';
COMMENT ON COLUMN jeugdnorm_internal.requests.linked IS 'true when a kept allocation has the request''s (gemeente, toewijzingnummer)';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_toewijzingsdatum IS 'toewijzingsdatum of the linked allocation';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_ingangsdatum IS 'ingangsdatum of the linked allocation';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_einddatum IS 'einddatum of the linked allocation; NULL = open';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_frequentie IS 'frequentie of the linked allocation; NULL when unknown';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_unit IS 'canonical unit of the linked allocation; NULL when unknown';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_canonical_volume IS 'volume of the linked allocation in its canonical unit, per its frequentie';
COMMENT ON COLUMN jeugdnorm_internal.requests.answer_date IS 'answer date: the linked allocation''s toewijzingsdatum, else antwoord_datum';
COMMENT ON COLUMN jeugdnorm_internal.requests.status IS 'status on the peildatum: ''toegewezen'' / ''afgewezen'' when antwoord says so and the answer date is NULL or <= peildatum, else ''open''';
COMMENT ON COLUMN jeugdnorm_internal.requests.answered IS 'status is not ''open''';
COMMENT ON COLUMN jeugdnorm_internal.requests.days IS 'days from ontvangen to the answer date, for answered requests with an answer date; NULL otherwise';
COMMENT ON COLUMN jeugdnorm_internal.requests.within_target IS 'days <= settings.lead_time_target_days';
COMMENT ON COLUMN jeugdnorm_internal.requests.waiting IS 'open on the peildatum and received on or before it (the waiting list)';
COMMENT ON COLUMN jeugdnorm_internal.requests.days_waiting IS 'peildatum - ontvangen for a waiting request; NULL otherwise';
COMMENT ON COLUMN jeugdnorm_internal.requests.in_window IS 'ontvangen lies in [window_start, peildatum]';
COMMENT ON COLUMN jeugdnorm_internal.requests.year IS 'calendar year of ontvangen';
COMMENT ON COLUMN jeugdnorm_internal.requests.requested_volume IS 'requested volume over the requested period, canonical: only for frequentie 6 (totaal); NULL otherwise';
COMMENT ON COLUMN jeugdnorm_internal.requests.norm_id IS 'jeugdnorm.norm row valid on ontvangen by [R9]; NULL when none';
COMMENT ON COLUMN jeugdnorm_internal.requests.norm_volume IS 'max_volume of that norm row; NULL = no volume norm';
COMMENT ON COLUMN jeugdnorm_internal.requests.above_norm IS 'requested_volume strictly above norm_volume';
COMMENT ON COLUMN jeugdnorm_internal.requests.volume_per_week IS 'requested volume per week, canonical; NULL for a totaal request';
COMMENT ON COLUMN jeugdnorm_internal.requests.alloc_volume_per_week IS 'the linked allocation''s volume per week, canonical (totaal: x 7 / its days; open totaal: NULL)';
COMMENT ON COLUMN jeugdnorm_internal.requests.stretched IS 'answered, and the linked allocation''s volume per week is strictly above the request''s, same unit family';
