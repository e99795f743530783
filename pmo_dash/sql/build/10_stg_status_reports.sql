-- stg_status_reports: one row per project per reporting period.
-- A department may date its return on any day of the month, so the period is the month's
-- last day; when a project sent two returns in one month, the later one is the return.
create view stg_status_reports as
with dated as (
    select
        *,
        last_day(as_of) as period
    from raw_status_reports
),

final as (
    select * exclude (source_row), source_row
    from dated
    qualify row_number() over (partition by project_id, period order by as_of desc, source_row desc) = 1
)

select * from final;
