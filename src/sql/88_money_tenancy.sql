-- ---------------------------------------------------------------------------
-- 88_money_tenancy.sql (new in 0.3.0) -- tenancy for the money inputs of
-- 23_money_inputs.sql, by the rules of 85_tenancy.sql (ENABLE, not FORCE;
-- one policy per table for every command; the filter the views use).
--
--  * gemeente_jaar, capaciteit: a role reads and writes only rows of its
--    gemeenten.
--  * budgetplafond: a ceiling of one gemeente as above.  A region-wide
--    ceiling (gemeente NULL) is the region's agreement with a provider: it
--    is READ by every role that may see at least one gemeente (it is no
--    client data, and its amount is what the region's report shows), but
--    only a role that sees every gemeente may insert, change or delete it
--    (WITH CHECK; and USING for UPDATE/DELETE through the separate write
--    policies below), so a loader of one gemeente cannot move another
--    gemeente's money.  In budget_uitnutting (62_money_capacity.sql) such a
--    row's cost is computed over the claim lines the caller may see -- the
--    rule for every region row: for a reader of part of the region it is
--    that part's cost against the region's ceiling.
--  * indexatie and staffel hold no gemeente (like product and norm): no
--    RLS.  A staffel belongs to a ceiling; readers never read the tables,
--    only the views, which show a ceiling's staffel only through its row.
-- ---------------------------------------------------------------------------

ALTER TABLE jeugdnorm.gemeente_jaar ENABLE ROW LEVEL SECURITY;
CREATE POLICY gemeente_jaar_by_gemeente ON jeugdnorm.gemeente_jaar
    USING ((SELECT jeugdnorm_internal.sees_all_gemeenten())
           OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    WITH CHECK ((SELECT jeugdnorm_internal.sees_all_gemeenten())
                OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]));
COMMENT ON POLICY gemeente_jaar_by_gemeente ON jeugdnorm.gemeente_jaar IS
    'a role reads and writes only population and income rows of the gemeenten in jeugdnorm.access for it (or its roles); ''*'' = all';

ALTER TABLE jeugdnorm.capaciteit ENABLE ROW LEVEL SECURITY;
CREATE POLICY capaciteit_by_gemeente ON jeugdnorm.capaciteit
    USING ((SELECT jeugdnorm_internal.sees_all_gemeenten())
           OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    WITH CHECK ((SELECT jeugdnorm_internal.sees_all_gemeenten())
                OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]));
COMMENT ON POLICY capaciteit_by_gemeente ON jeugdnorm.capaciteit IS
    'a role reads and writes only capacity rows of the gemeenten in jeugdnorm.access for it (or its roles); ''*'' = all';

-- budgetplafond: reading (SELECT) and writing (INSERT, UPDATE, DELETE) differ
-- for the region-wide rows, so one permissive policy per command.
ALTER TABLE jeugdnorm.budgetplafond ENABLE ROW LEVEL SECURITY;
CREATE POLICY budgetplafond_read ON jeugdnorm.budgetplafond
    FOR SELECT
    USING ((SELECT jeugdnorm_internal.sees_all_gemeenten())
           OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[])
           OR (gemeente IS NULL
               AND pg_catalog.cardinality((SELECT jeugdnorm_internal.visible_gemeenten())::text[]) > 0));
COMMENT ON POLICY budgetplafond_read ON jeugdnorm.budgetplafond IS
    'a role reads the ceilings of the gemeenten in jeugdnorm.access for it, and the region-wide ceilings (gemeente NULL) when it may see at least one gemeente';
CREATE POLICY budgetplafond_insert ON jeugdnorm.budgetplafond
    FOR INSERT
    WITH CHECK ((SELECT jeugdnorm_internal.sees_all_gemeenten())
                OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]));
COMMENT ON POLICY budgetplafond_insert ON jeugdnorm.budgetplafond IS
    'a role inserts only ceilings of its gemeenten; region-wide ceilings (gemeente NULL) only a role that sees every gemeente';
CREATE POLICY budgetplafond_update ON jeugdnorm.budgetplafond
    FOR UPDATE
    USING ((SELECT jeugdnorm_internal.sees_all_gemeenten())
           OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    WITH CHECK ((SELECT jeugdnorm_internal.sees_all_gemeenten())
                OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]));
COMMENT ON POLICY budgetplafond_update ON jeugdnorm.budgetplafond IS
    'a role changes only ceilings of its gemeenten, and cannot move one to another gemeente or to the region; region-wide ceilings only a role that sees every gemeente';
CREATE POLICY budgetplafond_delete ON jeugdnorm.budgetplafond
    FOR DELETE
    USING ((SELECT jeugdnorm_internal.sees_all_gemeenten())
           OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]));
COMMENT ON POLICY budgetplafond_delete ON jeugdnorm.budgetplafond IS
    'a role deletes only ceilings of its gemeenten; region-wide ceilings only a role that sees every gemeente';
