-- project_controls: one row per compliance control of the project.
select c.framework, c.control, c.state, c.due_on, c.evidenced_on, c.due_on < $as_of and c.state <> 'Compliant' as overdue
from stg_compliance_controls as c
inner join stg_projects as p on c.project_id = p.project_id
where c.project_id = $project
    and list_contains($scope, p.department_id)
order by c.framework, c.control;
