-- project_record: one row, the project as its department returns it, whatever the period (none when
-- it is outside the scope): what a brief needs to say why the project has no status in a period.
select p.project_id, p.name as project, p.state, p.baseline_start, p.actual_finish
from stg_projects as p
where p.project_id = $project
    and list_contains($scope, p.department_id);
