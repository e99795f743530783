-- stg_status_reports: one row per project per reporting period.
-- A department may date its return on any day of the month, so the period is the month's last
-- day (validation rejects two returns for one project in one month).
create view stg_status_reports as
select
    *,
    last_day(as_of) as period
from raw_status_reports;
