-- ---------------------------------------------------------------------------
-- 87_steering_tenancy.sql (new in 0.2.0) -- tenancy for the section-9
-- inputs, by the rules of 85_tenancy.sql.
--
--  * verzoek holds client data per gemeente: the same row-level security as
--    toewijzing (ENABLE, one policy for every command).
--  * wijk and product_mapping are the region's configuration, not client
--    data (like product and norm): no RLS; product_mapping is readable by
--    PUBLIC (below: why).
--  * load_verzoeken writes to rejected: EXECUTE is revoked from PUBLIC
--    (26_verzoek_loader.sql) and granted to jeugdnorm_loader by
--    create_roles() (84_roles.sql).
-- ---------------------------------------------------------------------------

ALTER TABLE jeugdnorm.verzoek ENABLE ROW LEVEL SECURITY;
CREATE POLICY verzoek_by_gemeente ON jeugdnorm.verzoek
    USING ((SELECT jeugdnorm_internal.sees_all_gemeenten())
           OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]))
    WITH CHECK ((SELECT jeugdnorm_internal.sees_all_gemeenten())
                OR gemeente = ANY ((SELECT jeugdnorm_internal.visible_gemeenten())::text[]));
COMMENT ON POLICY verzoek_by_gemeente ON jeugdnorm.verzoek IS
    'a role reads and writes only requests of the gemeenten in jeugdnorm.access for it (or its roles); ''*'' = all';


-- product_mapping is read by jeugdnorm_internal.mapped_product(), which the
-- planner inlines into the views that use it (30_cleaned.sql).  A table
-- reached through an inlined function is checked against the role running
-- the query, not the view's owner, so every role that reads a view needs
-- SELECT on it.  It holds product codes and analysis products only -- no
-- client data, and what the views' product columns show anyway.
GRANT SELECT ON jeugdnorm.product_mapping TO PUBLIC;
