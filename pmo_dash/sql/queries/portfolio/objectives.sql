-- objectives: one row per strategic objective served by a project in scope.
select o.objective_id, o.name, o.weight
from stg_strategic_objectives as o
where exists (
    select 1 from stg_projects as p
    where p.objective_id = o.objective_id
        and list_contains($scope, p.department_id)
)
order by o.name;
