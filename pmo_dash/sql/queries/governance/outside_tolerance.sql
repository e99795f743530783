-- outside_tolerance: projects active in the period within the filters beyond a tolerance (management
-- by exception): forecast cost (EAC) over budget by more than tolerance_cost of budget, or forecast
-- finish more than tolerance_schedule_days past the baseline. Worst first.
with s as (select tolerance_cost, tolerance_schedule_days from build_settings)

select
    p.project_id,
    p.name as project,
    p.department_id,
    d.name as department,
    p.budget,
    p.eac,
    (p.eac - p.budget) / nullif(p.budget, 0) as overrun,
    p.slip_days,
    p.reported_rag,
    p.evidence_rag,
    concat_ws(
        ' and ',
        case when (p.eac - p.budget) / nullif(p.budget, 0) > s.tolerance_cost then 'cost' end,
        case when p.slip_days > s.tolerance_schedule_days then 'schedule' end
    ) as outside
from scoped_projects($scope, $programme, $objective) as p
inner join stg_departments as d on p.department_id = d.department_id
cross join s
where p.period = $as_of
    and p.is_active
    and ((p.eac - p.budget) / nullif(p.budget, 0) > s.tolerance_cost or p.slip_days > s.tolerance_schedule_days)
order by greatest(coalesce((p.eac - p.budget) / nullif(p.budget, 0), 0) / s.tolerance_cost,
    coalesce(p.slip_days, 0) / s.tolerance_schedule_days) desc, p.project_id;
