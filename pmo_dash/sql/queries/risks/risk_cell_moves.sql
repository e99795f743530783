-- risk_cell_moves: one row per risk that moved into or out of the cell ($likelihood, $impact)
-- between the reviews as they stood at $since and at $as_of (as risk_movement.sql counts them): a
-- risk raised since moved in from nowhere ("new"), one closed since moved out to nowhere ("closed").
with before as (
    select risk_id, project_id, department_id, likelihood, impact
    from scoped_risks($scope, $programme, $objective)
    where period = $since
),

after as (
    select risk_id, project_id, department_id, likelihood, impact
    from scoped_risks($scope, $programme, $objective)
    where period = $as_of
),

moves as (
    select
        coalesce(a.risk_id, b.risk_id) as risk_id,
        coalesce(a.project_id, b.project_id) as project_id,
        coalesce(a.department_id, b.department_id) as department_id,
        b.likelihood as from_likelihood,
        b.impact as from_impact,
        a.likelihood as to_likelihood,
        a.impact as to_impact
    from after as a
    full outer join before as b on a.risk_id = b.risk_id
    where a.likelihood is distinct from b.likelihood or a.impact is distinct from b.impact
)

select
    m.risk_id,
    r.title,
    p.name as project,
    d.name as department,
    case when m.to_likelihood = $likelihood and m.to_impact = $impact then 'in' else 'out' end as moved,
    coalesce(m.from_likelihood || ' x ' || m.from_impact, 'new') as was,
    coalesce(m.to_likelihood || ' x ' || m.to_impact, 'closed') as now,
    r.owner
from moves as m
inner join stg_risks as r on m.risk_id = r.risk_id
inner join stg_projects as p on m.project_id = p.project_id
inner join stg_departments as d on m.department_id = d.department_id
where (m.to_likelihood = $likelihood and m.to_impact = $impact)
    or (m.from_likelihood = $likelihood and m.from_impact = $impact)
order by moved, m.risk_id;
