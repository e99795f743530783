-- project_risks: one row per risk of the project open on $as_of, as last reviewed then,
-- highest exposure first.
select
    r.risk_id,
    s.title,
    s.category,
    rp.likelihood,
    rp.impact,
    rp.exposure,
    rp.is_high,
    s.owner,
    s.response,
    s.action_due,
    s.action_due < $as_of as action_overdue
from scoped_risks($scope, null, null) as rp
inner join stg_risks as s on rp.risk_id = s.risk_id
inner join stg_risks as r on rp.risk_id = r.risk_id
where rp.project_id = $project
    and rp.period = $as_of
order by rp.exposure desc, r.risk_id;
