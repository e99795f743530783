-- whatif_candidates: one row per project within the filters that a portfolio review could fund at
-- the as-of period: active (the current portfolio) or on hold (funded again only if chosen), not
-- yet finished. Each stands as of its latest period up to $as_of. A project whose cost is unknown
-- (its budget withheld, and no EAC) cannot be budgeted, and is left out. Beside them, the proposals the
-- portfolio board had approved to start by then (their latest decision; none under a programme filter):
-- costed at their estimate, their benefit over their life, their risk rating as an exposure, a delivery
-- health of 0.5 (nothing delivered yet: no news), not funded now (proposal_returns, README "Measures").
with latest as (
    select *
    from scoped_projects($scope, $programme, $objective)
    where period <= $as_of
    qualify row_number() over (partition by project_id order by period desc) = 1
),

approved as (
    select proposal_id
    from stg_proposal_decisions
    where decided_on <= $as_of
    qualify row_number() over (partition by proposal_id order by decided_on desc) = 1
        and decision = 'Approved'
),

exposure as (
    select project_id, sum(exposure)::double as exposure
    from scoped_risks($scope, $programme, $objective)
    where period = $as_of
    group by project_id
)

select
    p.project_id,
    p.name as project,
    p.department_id,
    d.name as department,
    p.strategic_fit,
    coalesce(p.expected_benefit, 0) as expected_benefit,
    coalesce(x.exposure, 0.0) as exposure,
    delivery_health(p.spi, p.cpi, b.whatif_health_floor) as health,
    p.spi,
    p.cpi,
    p.budget,
    coalesce(p.eac, p.budget) as eac,
    coalesce(p.forecast_finish_then, p.forecast_finish, p.baseline_finish) as finish,
    coalesce(p.mandatory, false) as mandatory,
    p.state = 'Active' as funded_now,
    false as is_proposal
from latest as p
inner join stg_departments as d on p.department_id = d.department_id
left join exposure as x on p.project_id = x.project_id
cross join build_settings as b
where p.state in ('Active', 'On hold')
    and p.actual_finish is null
    and coalesce(p.eac, p.budget) is not null
union all
select
    r.proposal_id,
    r.title,
    r.department_id,
    d.name,
    r.strategic_fit,
    r.lifetime_benefit,
    r.risk_exposure::double,
    0.5,
    null,
    null,
    r.estimated_cost,
    r.estimated_cost,
    r.finish,
    false,
    false,
    true
from proposal_returns as r
inner join approved as a on r.proposal_id = a.proposal_id
inner join stg_departments as d on r.department_id = d.department_id
where list_contains($scope, r.department_id)
    and $programme is null
    and ($objective is null or r.objective_id = $objective)
order by 1;
