-- project_choices: one row per project of the departments in scope, labelled for a picker.
select project_id, project_id || ' · ' || name as label
from stg_projects
where list_contains($scope, department_id)
order by project_id;
