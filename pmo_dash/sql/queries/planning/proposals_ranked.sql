-- proposals_ranked: one row per proposed initiative of a department in scope (and of the objective, when
-- one is chosen) with its return on investment and the portfolio board's latest decision on or before
-- the period's end (none yet: awaiting), ranked by benefit/cost ratio, then net present value.
with decided as (
    select *
    from stg_proposal_decisions
    where decided_on <= $as_of
    qualify row_number() over (partition by proposal_id order by decided_on desc) = 1
)

select
    row_number() over (order by r.benefit_cost_ratio desc nulls last, r.npv desc, r.proposal_id) as rank,
    r.proposal_id,
    r.title,
    r.department_id,
    d.name as department,
    r.sponsor,
    o.name as objective,
    r.strategic_fit,
    r.risk_rating,
    r.operational_impact,
    r.requested_start,
    r.estimated_cost,
    r.annual_benefit,
    r.benefit_years,
    r.lifetime_benefit,
    r.discounted_benefit,
    r.npv,
    r.benefit_cost_ratio,
    r.payback_years,
    r.roi,
    coalesce(c.decision, 'Awaiting decision') as decision,
    c.decided_on
from proposal_returns as r
inner join stg_departments as d on r.department_id = d.department_id
left join stg_strategic_objectives as o on r.objective_id = o.objective_id
left join decided as c on r.proposal_id = c.proposal_id
where list_contains($scope, r.department_id)
    and ($objective is null or r.objective_id = $objective)
order by rank;
