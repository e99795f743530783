-- dependencies_broken: one row per open dependency of a project within the filters that is broken in
-- the period (its predecessor, with any knock-on delay, finishes after it is needed), longest delay
-- first. A predecessor in a department outside the user's scope is named by its department only (its id left empty).
select
    d.dependency_id,
    d.project_id,
    s.name as project,
    d.department_id,
    visible_project_id($scope, d.predecessor_department_id, d.predecessor_project_id) as predecessor_project_id,
    visible_project_name($scope, d.predecessor_department_id, d.predecessor_name) as predecessor,
    d.predecessor_department_id,
    d.type,
    d.criticality,
    d.needed_on,
    d.predecessor_finish,
    d.predecessor_knock_on_days,
    d.delay_days,
    d.broken_by_knock_on
from dependency_periods as d
inner join scoped_projects($scope, $programme, $objective) as s
    on d.project_id = s.project_id and d.period = s.period
where d.period = $as_of
    and d.is_broken
order by d.delay_days desc, d.dependency_id;
