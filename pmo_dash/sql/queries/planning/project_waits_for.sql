-- project_waits_for: one row per open dependency of one project (within the user's scope) in the
-- period: what it waits for, when it needs it, and whether it is broken. A predecessor outside the
-- user's scope is named by its department only (its id left empty).
select
    d.dependency_id,
    visible_project_id($scope, d.predecessor_department_id, d.predecessor_project_id) as other_project_id,
    visible_project_name($scope, d.predecessor_department_id, d.predecessor_name) as other_project,
    list_contains($scope, d.predecessor_department_id) as other_in_scope,
    d.type,
    d.criticality,
    d.needed_on,
    d.predecessor_finish,
    d.delay_days,
    d.is_broken
from dependency_periods as d
where d.period = $as_of
    and d.project_id = $project
    and list_contains($scope, d.department_id)
order by d.is_broken desc, d.needed_on, d.dependency_id;
