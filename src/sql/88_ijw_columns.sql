-- ---------------------------------------------------------------------------
-- 88_ijw_columns.sql (new in 0.3.0) -- the input-table columns raw iJw
-- messages bring (DEFINITIONS.md section 11; loaded by load_ijw(),
-- 27_ijw.sql).
--
-- After every view on purpose: a view written with t.* expands to the
-- columns its table has when the view is created, so adding these columns
-- after the views gives a fresh 0.3.0 and an upgraded one the same views
-- (test/upgrade_catalog.sql).  New columns only at the end of each table.
-- ---------------------------------------------------------------------------

ALTER TABLE jeugdnorm.declaratie
    ADD COLUMN referentienummer text,
    ADD COLUMN vorig_referentienummer text;
COMMENT ON COLUMN jeugdnorm.declaratie.referentienummer IS
    'referentienummer: JW323 ProductReferentie/ReferentieNummer, the provider''s id of the line (raw XML loads only)';
COMMENT ON COLUMN jeugdnorm.declaratie.vorig_referentienummer IS
    'vorig_referentienummer: JW323 ProductReferentie/VorigReferentieNummer, the line a credit reverses (not used to match: [R12] applies)';

ALTER TABLE jeugdnorm.verzoek
    ADD COLUMN verwijzer text
        CONSTRAINT verzoek_verwijzer_known CHECK (jeugdnorm.is_verwijzer(verwijzer));
COMMENT ON COLUMN jeugdnorm.verzoek.verwijzer IS
    'verwijzer (referrer, COD327) of the request, JW315 Verwijzer/Type';

ALTER TABLE jeugdnorm.rejected
    ADD COLUMN bericht_id bigint,
    ADD COLUMN element_pad text;
COMMENT ON COLUMN jeugdnorm.rejected.bericht_id IS
    'bericht_id: the jeugdnorm.ijw_bericht message the element came from (load_ijw only)';
COMMENT ON COLUMN jeugdnorm.rejected.element_pad IS
    'element_pad: path of the refused element in its message, e.g. /Bericht/Client/ToegewezenProducten/ToegewezenProduct[2] (load_ijw only)';

