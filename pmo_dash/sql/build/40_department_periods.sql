-- department_periods: one row per department per reporting period.
-- Reporting compliance is the IPMO's "consistent reporting": the share of the department's
-- active projects that sent a return for the period itself (a carried-forward one does not count).
create table department_periods as
with counts as (
    select
        d.department_id,
        pe.period,
        count(pp.project_id) filter (where pp.is_active) as active_projects,
        count(pp.project_id) filter (where pp.is_active and pp.reported_this_period) as reported_projects
    from stg_departments as d
    cross join periods as pe
    left join project_periods as pp
        on d.department_id = pp.department_id
        and pe.period = pp.period
    group by d.department_id, pe.period
),

final as (
    select
        *,
        reported_projects / nullif(active_projects, 0) as reporting_compliance
    from counts
)

select * from final
order by department_id, period;
