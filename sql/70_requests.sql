-- request_lead_time and waiting_list ([S3]) on the hand-built requests region
-- (test/fixtures/requests.sql: its header lists every allocation and request
-- with its answer date, status and days).  Every number below is worked out
-- by hand in the comment above its query.
\set VERBOSITY terse
SET datestyle = ISO;
CREATE EXTENSION jeugdnorm;

-- Empty tables: both views have no rows (rows exist only where something is
-- counted).
SELECT (SELECT count(*) FROM jeugdnorm.request_lead_time) AS lead_time_rows,
       (SELECT count(*) FROM jeugdnorm.waiting_list) AS waiting_list_rows;

\i test/fixtures/requests.sql

-- Per request (jeugdnorm_internal.requests), peildatum 2025-06-30:
--   answer_date: linked kept allocation's toewijzingsdatum, else antwoord_datum
--     V01 T1 2024-02-15 (not ad 2024-02-20); V03 T2 2024-03-20; V04 T3 2024-04-20
--     (ad NULL); V06 T7 2025-02-24; V16 T6 2024-03-28 (not ad 2024-04-02); V17 T8
--     2024-11-20; V10: T4 is '13', not kept -> not linked, ad 2024-07-05; V11: T5
--     has no toewijzingsdatum, ad NULL -> NULL.
--   status: V05, V09, V12, V13 no antwoord -> open; V08 ad 2025-07-15 after the
--     peildatum -> open; V11 toegewezen with a NULL answer date -> toegewezen.
--   days (answered with a date): V01 Jan 10 -> Feb 15 = 21 + 15 = 36; V02 Feb 1 ->
--     Apr 15 = 29 + 31 + 14 = 74; V03 Mar 1 -> 20 = 19; V04 Apr 1 -> 20 = 19;
--     V06 Feb 1 -> 24 = 23; V07 Mar 10 -> 31 = 21; V10 Jun 10 -> Jul 5 = 20 + 5 =
--     25; V14 Sep 1 -> 10 = 9; V15 Oct 1 -> Nov 26 = 31 + 25 = 56; V16 Mar 15 ->
--     28 = 13; V17 Nov 1 -> 20 = 19.
--   days_waiting (open, ontvangen <= 2025-06-30): V05 2024-05-01 -> 2025-05-01
--     = 365, + 31 + 29 = 425; V08 2024-06-01 -> 2025-06-01 = 365, + 29 = 394;
--     V09 Jun 1 -> 30 = 29; V12 2023-12-15 -> 2024-12-15 = 366 (29 Feb 2024),
--     -> 2025-06-15 = 31+31+28+31+30+31 = 182, + 15 = 563.  V13 (ontvangen
--     2025-07-05, after the peildatum) is not waiting.
--   product: V08, V16, V17 are 45A30 of provider M from 2024 -> 'Ambulant
--     intensief' (mapping); V15 is 45A30 of R -> '45A30'; V14 aspecifiek -> '54'.
--   above_norm (frequentie 6 only, canonical volume > max_volume on ontvangen):
--     V05 50 uur > 40 (2024 norm of 45A12): true; V06 2100 min = 35 uur > 30 (2025
--     norm): true; V07 30 > 30: false; V08 30 dagdelen = 120 uur, no norm for
--     'Ambulant intensief' -> productgroep Ambulant 100: true; V14 no norm: false.
--   volume_per_week (canonical): per week as requested (V04 120 min = 2 uur);
--     totaal requests NULL.  alloc_volume_per_week: T1 2, T2 3, T3 10 x 12 x 7 /
--     365.25 = 840/365.25 = 2.299795, T5 1, T6 26 x 7 / 91 = 2, T7 open totaal
--     NULL, T8 10 x 7 / 90 = 0.777778.
--   stretched (answered, alloc per week > request per week, same unit family):
--     V03 3 > 2, V04 2.299795 > 2, V16 2 > 1.5: true; V01 2 = 2, V11 1 = 1: false;
--     V17 0.777778 uur vs 0.5 etmaal: other family, false; V06 totaal: false.
SELECT verzoeknummer, product, linked, answer_date, status, days, days_waiting, in_window,
       within_target, above_norm, norm_volume,
       round(volume_per_week, 6) AS per_week, round(alloc_volume_per_week, 6) AS alloc_per_week,
       stretched
  FROM jeugdnorm_internal.requests
 ORDER BY verzoeknummer;

-- request_lead_time (ontvangen in [2024-01-01, 2025-06-30]; V12 and V13 outside):
-- 0758 45A12 2024: V01 V02 V03 V04 V05 V10 V11 = 7 requests; toegewezen V01 V03
--   V04 V10 V11 = 5, afgewezen V02 = 1, open V05 = 1.  Days 19 19 25 36 74 (V11
--   has no date): median 25; p90 position 0.9 x 4 = 3.6: 36 + 0.6 x (74 - 36) =
--   58.8; within 56 days: 19 19 25 36 = 4 of 5 = 0.8.  Above norm V05 = 1;
--   stretched V03 V04 = 2; linked V01 V03 V04 V11 = 4 (V10's T4 is '13').
-- 0758 45A12 2025: V06 V07 V09 = 3; toegewezen 1, afgewezen 1, open 1.  Days 21
--   23: median 22, p90 21 + 0.9 x 2 = 22.8; within 2/2 = 1.  Above V06 = 1;
--   stretched 0; linked V06 = 1.
-- 0758 45A30 2024: V15: 1 toegewezen, days 56: median 56, p90 56, 56 <= 56 ->
--   share 1.  Not above, not stretched, not linked.
-- 0758 'Ambulant intensief' 2024: V08 V16 V17 = 3; toegewezen V16 V17 = 2, open
--   V08 = 1 (answer after the peildatum).  Days 13 19: median 16, p90 13 + 0.9 x
--   6 = 18.4; share 2/2 = 1.  Above V08 = 1; stretched V16 = 1; linked V16 V17 = 2.
-- 0983 54 2024: V14: 1 afgewezen, days 9: median 9, p90 9, share 1.
SELECT * FROM jeugdnorm.request_lead_time;

-- waiting_list (open on the peildatum, received on or before it, any window):
-- 0758 45A12: V05 425, V09 29, V12 563: waiting 3, median 425, max 563.
-- 0758 'Ambulant intensief': V08 394: 1, 394, 394.
SELECT * FROM jeugdnorm.waiting_list;

-- The settings are read when the views are read (plain views, no refresh).
-- lead_time_target_days 20: within 20 days: 45A12 2024: 19 19 of 5 = 0.4; 45A12
-- 2025: 21 23 -> 0 of 2 = 0; 45A30: 56 -> 0; Ambulant intensief: 13 19 -> 1;
-- 54: 9 -> 1.
UPDATE jeugdnorm.settings SET lead_time_target_days = 20;
SELECT gemeente, product, year, answered_with_date, within_target, share_within_8_weeks
  FROM jeugdnorm.request_lead_time;

-- peildatum 2025-07-20 (target back to 56): the window now ends 2025-07-20.
-- 0758 45A12 2025: V13 (2025-07-05) is in the window and open: V06 V07 V09 V13
--   = 4 requests, toegewezen 1, afgewezen 1, open 2; days unchanged (21 23).
-- 0758 'Ambulant intensief' 2024: V08's answer (2025-07-15) is now on/before the
--   peildatum: toegewezen 3, open 0; V08 days 2024-06-01 -> 2025-06-01 = 365,
--   + 30 + 14 = 409.  Days 13 19 409: median 19; p90 position 0.9 x 2 = 1.8:
--   19 + 0.8 x (409 - 19) = 331; within 56: 2 of 3 = 0.666667.
-- The other rows do not change.
-- Waiting list: 0758 45A12: V05 425 + 20 = 445, V09 29 + 20 = 49, V12 563 + 20 =
--   583, V13 Jul 5 -> 20 = 15: waiting 4, median (49 + 445) / 2 = 247, max 583.
--   'Ambulant intensief' has no waiting request left: no row.
UPDATE jeugdnorm.settings SET lead_time_target_days = 56, peildatum = '2025-07-20';
SELECT * FROM jeugdnorm.request_lead_time;
SELECT * FROM jeugdnorm.waiting_list;

DROP EXTENSION jeugdnorm CASCADE;
