-- open_issues: one row per severity per age band: issues open at the period end on projects
-- that existed then within the filters.
with projects as (
    select project_id
    from scoped_projects($scope, $programme, $objective)
    where period = $as_of
),

open as (
    select
        i.severity,
        date_diff('day', i.raised_on, $as_of) as age_days
    from stg_issues as i
    where i.project_id in (select project_id from projects)
        and i.raised_on <= $as_of
        and (i.resolved_on is null or i.resolved_on > $as_of)
        and (i.resolved_on is not null or i.state in ('Open', 'In progress'))
),

banded as (
    select
        severity,
        case when age_days <= 30 then 0 when age_days <= 90 then 1 else 2 end as band,
        case
            when age_days <= 30 then '0-30 days'
            when age_days <= 90 then '31-90 days'
            else 'over 90 days'
        end as age
    from open
)

select severity, age, count(*) as issues
from banded
group by severity, band, age
order by case severity when 'Critical' then 0 when 'High' then 1 when 'Medium' then 2 else 3 end, band;
