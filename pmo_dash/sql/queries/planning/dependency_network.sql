-- dependency_network: one row per open dependency in the period whose waiting project is within the
-- filters: both ends (a predecessor outside the user's scope named by its department only), their
-- departments and programmes, and whether it is broken.
select
    d.dependency_id,
    d.project_id,
    s.name as project,
    d.department_id,
    d.programme_id,
    visible_project_id($scope, d.predecessor_department_id, d.predecessor_project_id) as predecessor_project_id,
    visible_project_name($scope, d.predecessor_department_id, d.predecessor_name) as predecessor,
    d.predecessor_department_id,
    d.predecessor_programme_id,
    d.type,
    d.criticality,
    d.needed_on,
    d.predecessor_finish,
    d.delay_days,
    d.is_broken
from dependency_periods as d
inner join scoped_projects($scope, $programme, $objective) as s
    on d.project_id = s.project_id and d.period = s.period
where d.period = $as_of
order by d.dependency_id;
