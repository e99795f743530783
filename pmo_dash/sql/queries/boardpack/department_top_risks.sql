-- department_top_risks: for each department within the filters, its $top risks open in the period with
-- the highest exposure, ranked as top_risks.sql ranks the portfolio's (exposure, then cost exposure).
select
    rp.department_id,
    rp.risk_id,
    r.title,
    p.name as project,
    rp.likelihood,
    rp.impact,
    rp.exposure,
    r.owner,
    row_number() over (
        partition by rp.department_id
        order by rp.exposure desc, r.cost_exposure desc nulls last, rp.risk_id
    ) as rank
from scoped_risks($scope, $programme, $objective) as rp
inner join stg_risks as r on rp.risk_id = r.risk_id
inner join stg_projects as p on rp.project_id = p.project_id
where rp.period = $as_of
qualify rank <= $top
order by rp.department_id, rank;
