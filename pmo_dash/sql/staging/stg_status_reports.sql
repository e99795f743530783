-- stg_status_reports: one row per project per reporting period.
-- A department may date its return on any day of the month, so the period is the month's last
-- day (validation rejects two returns for one project in one month). A return that gives only a
-- five-point delivery confidence has, as its three-colour RAG, that confidence collapsed to the
-- worse colour (three_colour in macros/measures.sql); the five-point rating is kept beside it.
create view stg_status_reports as
select
    * replace (coalesce(overall_rag, three_colour(delivery_confidence)) as overall_rag),
    last_day(as_of) as period
from raw_status_reports;
