-- department_variance: one row per department within the filters, the schedule slip and cost
-- variance of its projects active in the period (median slip so one outlier cannot speak for all).
select
    p.department_id,
    d.name as department,
    count(*) as active_projects,
    median(p.slip_days) as median_slip_days,
    count(*) filter (where p.slip_days > 0) as late_projects,
    sum(p.cv) as cost_variance,
    sum(p.sv) as schedule_variance,
    0 - sum(p.vac) as eac_over_budget  -- not -sum(): no "-0" for a department on budget
from scoped_projects($scope, $programme, $objective) as p
inner join stg_departments as d on p.department_id = d.department_id
where p.period = $as_of
    and p.is_active
group by all
order by d.name;
