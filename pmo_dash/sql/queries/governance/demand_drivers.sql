-- demand_drivers: the projects whose planned demand makes up one cell of the utilisation map (a
-- department's role, a department's roles, or a role across the departments in scope: a null
-- $department or $role is all) in one month, largest first, and whether each has started by the
-- period's end.
select
    m.project_id,
    m.project,
    m.department_id,
    m.role,
    m.demand_fte,
    m.baseline_start,
    m.baseline_start > $as_of as not_started,
    p.stage,
    p.state
from planned_demand($scope, $programme, $objective) as m
inner join stg_projects as p on m.project_id = p.project_id
where ($department is null or m.department_id = $department)
    and ($role is null or m.role = $role)
    and m.month = $month
order by m.demand_fte desc, m.project_id;
