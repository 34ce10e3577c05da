-- 45_path_views.sql
--   The contract views on the materialised paths (src/sql/40_paths.sql):
--   jeugdnorm.care_paths and jeugdnorm.allocation_follow_up.  They read the
--   materialised rows, cast to the section-8 types as the last step, and
--   carry the comments BI tools show.  Kept apart from the materialised
--   views so that what a caller may see (the view) and what is computed
--   once per refresh (the materialised view) each have one place.

-- ---- contract view: care_paths -----------------------------------------------

CREATE VIEW jeugdnorm.care_paths AS
SELECT m.client_id,
       m.aanbieder,
       m.product,
       m.productgroep,
       m.path_no,
       m.gemeente,
       m.start,
       m.einde,
       m.allocations,
       m.days_toewijzing,
       m.days_levering,
       m.months_toewijzing::numeric(18,6) AS months_toewijzing,
       m.months_levering::numeric(18,6) AS months_levering,
       m.volume::numeric(18,6) AS volume,
       m.unit,
       m.frequentie_per_week::numeric(18,6) AS frequentie_per_week,
       m.completed,
       m.norm_volume::numeric(18,6) AS norm_volume,
       m.norm_doorlooptijd_maanden::numeric(18,6) AS norm_doorlooptijd_maanden,
       m.norm_frequentie_per_week::numeric(18,6) AS norm_frequentie_per_week,
       m.productcategorie,
       m.productcode,
       m.variant,
       m.financieringsvorm,
       m.segment,
       m.in_window,
       m.claim_lines,
       m.first_toewijzingnummer
  FROM jeugdnorm_internal.mv_care_paths m
 ORDER BY m.client_id, m.aanbieder, m.product, m.path_no;

COMMENT ON VIEW jeugdnorm.care_paths IS
    'zorghulpvraag / care path: one row per care path of (client_id, aanbieder, product) - allocations that follow each other with gap <= path_gap_days - whatever its dates, with doorlooptijd, volume, frequentie, completed and the municipal norm; up to date as of the last jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm.care_paths.client_id IS 'client_id: pseudonymised client key (jeugdige)';
COMMENT ON COLUMN jeugdnorm.care_paths.aanbieder IS 'aanbieder: provider AGB code (zorgaanbieder)';
COMMENT ON COLUMN jeugdnorm.care_paths.product IS 'product: productcode, or productcategorie for an aspecifiek allocation';
COMMENT ON COLUMN jeugdnorm.care_paths.productgroep IS 'productgroep (product group) of the first allocation''s product; NULL when not in the catalogue';
COMMENT ON COLUMN jeugdnorm.care_paths.path_no IS 'path number (volgnummer zorghulpvraag): 1, 2, ... in start order within (client_id, aanbieder, product)';
COMMENT ON COLUMN jeugdnorm.care_paths.gemeente IS 'gemeente (municipality) of the path''s first allocation';
COMMENT ON COLUMN jeugdnorm.care_paths.start IS 'start: ingangsdatum of the path''s first allocation';
COMMENT ON COLUMN jeugdnorm.care_paths.einde IS 'einde (end): last einddatum of the path''s allocations; NULL while an allocation is open';
COMMENT ON COLUMN jeugdnorm.care_paths.allocations IS 'toewijzingen: number of allocations in the path';
COMMENT ON COLUMN jeugdnorm.care_paths.days_toewijzing IS 'doorlooptijd in days, toewijzing basis: einde - start + 1; NULL while open';
COMMENT ON COLUMN jeugdnorm.care_paths.days_levering IS 'doorlooptijd in days, delivery (levering) basis: last claimed einddatum - first claimed begindatum + 1; NULL without claims';
COMMENT ON COLUMN jeugdnorm.care_paths.months_toewijzing IS 'doorlooptijd in months, toewijzing basis: days_toewijzing / 30.4375';
COMMENT ON COLUMN jeugdnorm.care_paths.months_levering IS 'doorlooptijd in months, delivery basis: days_levering / 30.4375';
COMMENT ON COLUMN jeugdnorm.care_paths.volume IS 'volume: claimed volume in unit (minutes and dagdelen as hours), lines in another unit family left out; NULL when none';
COMMENT ON COLUMN jeugdnorm.care_paths.unit IS 'eenheid (unit): canonical unit of the first allocation: uur, etmaal, stuks or euro; NULL when its code is unknown';
COMMENT ON COLUMN jeugdnorm.care_paths.frequentie_per_week IS 'frequentie (intensity): volume per week = volume / (days_levering / 7)';
COMMENT ON COLUMN jeugdnorm.care_paths.completed IS 'afgesloten (completed): einde IS NOT NULL AND einde + path_gap_days <= peildatum; spread and norm figures use completed paths only';
COMMENT ON COLUMN jeugdnorm.care_paths.norm_volume IS 'volumenorm: max_volume of the norm row valid on start (product, else productgroep); NULL = no norm';
COMMENT ON COLUMN jeugdnorm.care_paths.norm_doorlooptijd_maanden IS 'doorlooptijdnorm: max_doorlooptijd_maanden of that norm row, compare with months_levering; NULL = no norm';
COMMENT ON COLUMN jeugdnorm.care_paths.norm_frequentie_per_week IS 'frequentienorm: max_frequentie_per_week of that norm row; NULL = no norm';
COMMENT ON COLUMN jeugdnorm.care_paths.productcategorie IS 'productcategorie of the path''s first allocation';
COMMENT ON COLUMN jeugdnorm.care_paths.productcode IS 'productcode of the path''s first allocation; NULL for aspecifiek';
COMMENT ON COLUMN jeugdnorm.care_paths.variant IS 'variant (licht, midden, zwaar, maatwerk, meerwerk) of the first allocation''s product';
COMMENT ON COLUMN jeugdnorm.care_paths.financieringsvorm IS 'financieringsvorm (funding model: inspanning, traject, plek, taak) of the first allocation''s product';
COMMENT ON COLUMN jeugdnorm.care_paths.segment IS 'segment (purchasing segment) of the first allocation''s product';
COMMENT ON COLUMN jeugdnorm.care_paths.in_window IS 'in analysevenster (in window): start lies in [window_start, peildatum]';
COMMENT ON COLUMN jeugdnorm.care_paths.claim_lines IS 'declaratieregels: kept claim lines of the path (all unit families)';
COMMENT ON COLUMN jeugdnorm.care_paths.first_toewijzingnummer IS 'toewijzingnummer of the path''s first allocation (key with gemeente)';

-- ---- contract view: allocation_follow_up -----------------------------------------

CREATE VIEW jeugdnorm.allocation_follow_up AS
SELECT m.gemeente,
       m.toewijzingnummer,
       m.client_id,
       m.aanbieder,
       m.product,
       m.ingangsdatum,
       m.einddatum,
       m.gap_days,
       m.follow_up,
       m.productcategorie,
       m.productcode,
       m.financieringsvorm,
       m.productgroep,
       m.path_no
  FROM jeugdnorm_internal.mv_allocation_follow_up m
 ORDER BY m.gemeente, m.toewijzingnummer;

COMMENT ON VIEW jeugdnorm.allocation_follow_up IS
    'vervolg (follow-up) per toewijzing: every kept allocation classified against the earlier allocations of the same client and product: eerste, verlenging (extension), recidive (repeat request) or nieuw; up to date as of the last jeugdnorm.refresh()';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.gemeente IS 'gemeente: CBS municipality code';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.toewijzingnummer IS 'toewijzingnummer: allocation number, unique within the gemeente';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.client_id IS 'client_id: pseudonymised client key';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.aanbieder IS 'aanbieder: provider AGB code';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.product IS 'product: productcode, or productcategorie for an aspecifiek allocation';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.ingangsdatum IS 'ingangsdatum: first day of the allocation';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.einddatum IS 'einddatum: last day of the allocation; NULL = open';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.gap_days IS 'tussenpoos (gap) in days: ingangsdatum - the latest einddatum of the earlier allocations of the client and product; <= 0 for overlap; NULL for eerste and after an open earlier allocation';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.follow_up IS 'vervolg (follow-up class): eerste (first), verlenging (gap <= extension_days), recidive (herhaald beroep: extension_days < gap <= recidive_days) or nieuw (new request)';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.productcategorie IS 'productcategorie of the allocation';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.productcode IS 'productcode of the allocation; NULL for aspecifiek';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.financieringsvorm IS 'financieringsvorm (funding model) of the product; NULL when not in the catalogue';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.productgroep IS 'productgroep of the product; NULL when not in the catalogue';
COMMENT ON COLUMN jeugdnorm.allocation_follow_up.path_no IS 'path_no of the care path (jeugdnorm.care_paths, same client_id, aanbieder, product) this allocation belongs to';
