-- departments: one row per department in the user's scope.
select department_id, name, division, pmo_head, cadence
from stg_departments
where list_contains($scope, department_id)
order by department_id;
