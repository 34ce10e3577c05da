-- The rows every measured pair reads, taken once from the cleaned-input layer
-- (jeugdnorm_internal.allocations / .claims: '13' removed, age filter, net-zero
-- rule), so that a pair compares the algorithms and not the cleaning views.
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
CREATE TABLE bench.alloc AS
SELECT gemeente, toewijzingnummer, client_id, aanbieder, product,
       coalesce(variant, product) AS label,
       ingangsdatum, einddatum, volume, frequentie, unit_factor
FROM jeugdnorm_internal.allocations;
CREATE TABLE bench.claim AS
SELECT gemeente, toewijzingnummer, product, begindatum, einddatum,
       canonical_volume, same_family, bedrag
FROM jeugdnorm_internal.claims;
VACUUM ANALYZE bench.alloc;
VACUUM ANALYZE bench.claim;
-- The same allocations with a covering index in follow_up's window order,
-- for the follow_up_idx pair: an index-only scan feeds the WindowAgg, so no
-- sort, and what is left is the window work itself (partition keys COLLATE
-- "C", as the follow_up queries partition).
CREATE TABLE bench.alloc_fu AS
SELECT gemeente, toewijzingnummer, client_id, product, ingangsdatum, einddatum FROM bench.alloc;
CREATE INDEX alloc_fu_window ON bench.alloc_fu
    (client_id COLLATE "C", product COLLATE "C", ingangsdatum, einddatum, toewijzingnummer, gemeente);
VACUUM ANALYZE bench.alloc_fu;
