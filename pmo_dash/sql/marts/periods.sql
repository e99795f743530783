-- periods: one row per reporting period, every month end from the first return to the last.
-- A month in which nobody reported is still a period (its reporting compliance is zero).
create table periods as
with bounds as (
    select
        date_trunc('month', min(period)) as first_month,
        max(period) as last_period
    from stg_status_reports
),

final as (
    select last_day(month::date) as period
    from bounds, generate_series(bounds.first_month, bounds.last_period, interval 1 month) as months(month)
)

select
    period,
    row_number() over (order by period) as period_number
from final
order by period;
