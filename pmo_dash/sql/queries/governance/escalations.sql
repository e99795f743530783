-- escalations: what has waited too long at the period's end, on projects on the portfolio then within
-- the filters: critical and high issues open longer than escalation_days, and red-zone risks (exposure
-- at least high_risk_exposure) whose action fell due before the period's end. Longest waiting first.
with s as (select escalation_days, high_risk_exposure from build_settings),

projects as (
    select project_id, name, department_id
    from scoped_projects($scope, $programme, $objective)
    where period = $as_of
),

issues as (
    select
        'Issue' as kind,
        i.issue_id as item_id,
        i.title,
        i.project_id,
        i.severity as level,
        i.raised_on as since,
        date_diff('day', i.raised_on, $as_of) as days
    from stg_issues as i
    cross join s
    where i.project_id in (select project_id from projects)
        and i.severity in ('Critical', 'High')
        and i.raised_on <= $as_of
        and (i.resolved_on is null or i.resolved_on > $as_of)
        and (i.resolved_on is not null or i.state in ('Open', 'In progress'))
        and date_diff('day', i.raised_on, $as_of) > s.escalation_days
),

risks as (
    select
        'Risk' as kind,
        rp.risk_id as item_id,
        r.title,
        rp.project_id,
        format('exposure {}', rp.exposure) as level,
        r.action_due as since,
        date_diff('day', r.action_due, $as_of) as days
    from scoped_risks($scope, $programme, $objective) as rp
    inner join stg_risks as r on rp.risk_id = r.risk_id
    cross join s
    where rp.period = $as_of
        and rp.exposure >= s.high_risk_exposure
        and r.action_due < $as_of
)

select e.*, p.name as project, p.department_id, d.name as department
from (select * from issues union all select * from risks) as e
inner join projects as p on e.project_id = p.project_id
inner join stg_departments as d on p.department_id = d.department_id
order by e.days desc, e.kind, e.item_id;
