-- proposal_decisions: one row per decision of the portfolio board on a proposal of a department in scope
-- (and of the objective, when one is chosen) made in the 13 months up to the period's end, the latest first.
select
    c.decided_on,
    c.decision,
    c.proposal_id,
    r.title,
    d.name as department,
    r.estimated_cost,
    r.npv,
    c.decided_by,
    c.note
from stg_proposal_decisions as c
inner join proposal_returns as r on c.proposal_id = r.proposal_id
inner join stg_departments as d on r.department_id = d.department_id
where list_contains($scope, r.department_id)
    and ($objective is null or r.objective_id = $objective)
    and c.decided_on <= $as_of
    and c.decided_on > $as_of - interval 13 month
order by c.decided_on desc, c.proposal_id;
