-- programmes: one row per programme of the departments in scope.
select g.programme_id, g.name, g.department_id, d.name as department, g.sponsor
from stg_programmes as g
inner join stg_departments as d on g.department_id = d.department_id
where list_contains($scope, g.department_id)
order by d.name, g.name;
