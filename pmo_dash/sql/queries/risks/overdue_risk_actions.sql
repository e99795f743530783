-- overdue_risk_actions: one row per risk open in the period within the filters whose action
-- fell due before the period end, longest overdue first.
select
    rp.risk_id,
    r.title,
    p.name as project,
    d.name as department,
    r.owner,
    r.action_due,
    date_diff('day', r.action_due, $as_of) as days_overdue,
    rp.exposure
from scoped_risks($scope, $programme, $objective) as rp
inner join stg_risks as r on rp.risk_id = r.risk_id
inner join stg_projects as p on rp.project_id = p.project_id
inner join stg_departments as d on rp.department_id = d.department_id
where rp.period = $as_of
    and r.action_due < $as_of
order by days_overdue desc, rp.exposure desc, rp.risk_id;
