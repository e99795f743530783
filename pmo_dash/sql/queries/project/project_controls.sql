-- project_controls: one row per compliance control of the project, as far as it is known on $as_of:
-- returns keep only a control's state today, so a control evidenced after $as_of was not yet
-- evidenced then (and overdue if it was due); any other state is today's.
select
    c.framework,
    c.control,
    case when c.evidenced_on > $as_of then 'Not yet evidenced' else c.state end as state,
    c.due_on,
    case when c.evidenced_on <= $as_of then c.evidenced_on end as evidenced_on,
    c.due_on < $as_of and (c.state <> 'Compliant' or c.evidenced_on > $as_of) as overdue
from stg_compliance_controls as c
inner join stg_projects as p on c.project_id = p.project_id
where c.project_id = $project
    and list_contains($scope, p.department_id)
order by c.framework, c.control;
