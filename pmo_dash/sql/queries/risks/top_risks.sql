-- top_risks: the 10 risks open in the period within the filters with the highest exposure.
select
    rp.risk_id,
    r.title,
    p.name as project,
    d.name as department,
    rp.likelihood,
    rp.impact,
    rp.exposure,
    r.owner,
    r.response,
    r.action_due,
    r.action_due < $as_of as action_overdue
from scoped_risks($scope, $programme, $objective) as rp
inner join stg_risks as r on rp.risk_id = r.risk_id
inner join stg_projects as p on rp.project_id = p.project_id
inner join stg_departments as d on rp.department_id = d.department_id
where rp.period = $as_of
order by rp.exposure desc, r.cost_exposure desc nulls last, rp.risk_id
limit 10;
