-- risk_cell_moves: one row per risk within the filters that moved into or out of the cell
-- ($likelihood, $impact) between the reviews as they stood at $since and at $as_of (risk_moves,
-- marts/risks.sql, as risk_movement.sql counts them): "new" for a risk raised since, "closed" for one
-- closed since.
select
    m.risk_id,
    r.title,
    p.name as project,
    d.name as department,
    case when m.to_likelihood = $likelihood and m.to_impact = $impact then 'in' else 'out' end as moved,
    coalesce(m.from_likelihood || ' x ' || m.from_impact, 'new') as was,
    coalesce(m.to_likelihood || ' x ' || m.to_impact, 'closed') as now,
    r.owner
from risk_moves($since, $as_of) as m
inner join scoped_project_list($scope, $programme, $objective) as p on m.project_id = p.project_id
inner join stg_risks as r on m.risk_id = r.risk_id
inner join stg_departments as d on m.department_id = d.department_id
where (m.to_likelihood = $likelihood and m.to_impact = $impact)
    or (m.from_likelihood = $likelihood and m.from_impact = $impact)
order by moved, m.risk_id;
