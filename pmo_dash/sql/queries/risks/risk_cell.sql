-- risk_cell: one row per risk open in the period within the filters whose latest review on or
-- before it put it in cell ($likelihood, $impact); owner, response and action date are the
-- risk's current ones (returns keep no history of them).
select
    rp.risk_id,
    r.title,
    r.category,
    p.name as project,
    d.name as department,
    r.owner,
    r.response,
    r.action_due,
    r.action_due < $as_of as action_overdue,
    rp.exposure
from scoped_risks($scope, $programme, $objective) as rp
inner join stg_risks as r on rp.risk_id = r.risk_id
inner join stg_projects as p on rp.project_id = p.project_id
inner join stg_departments as d on rp.department_id = d.department_id
where rp.period = $as_of
    and rp.likelihood = $likelihood
    and rp.impact = $impact
order by rp.risk_id;
